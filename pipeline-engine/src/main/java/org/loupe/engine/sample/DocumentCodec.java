package org.loupe.engine.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loupe.engine.io.Bytes;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.PositionKind;
import org.loupe.engine.model.ShardRef;

/** The binary form of a document in a sample store. */
final class DocumentCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final PositionKind[] KINDS = PositionKind.values();

    private DocumentCodec() {
    }

    static void encode(Document doc, int shardIndex, Bytes out) {
        out.putVarLong(shardIndex);
        out.putVarLong(doc.source().position());
        out.put((byte) doc.source().kind().ordinal());
        out.putString(doc.id());
        out.putNullableString(doc.url());
        out.putString(doc.text());
        byte[] meta;
        try {
            meta = doc.metadata().isEmpty() ? new byte[0] : JSON.writeValueAsBytes(doc.metadata());
        } catch (JsonProcessingException e) {
            // Metadata comes from parsed JSON or plain values; this cannot fail for them.
            meta = ("{\"_loupe_error\":" + JSON.valueToTree(e.getOriginalMessage()) + "}").getBytes(StandardCharsets.UTF_8);
        }
        out.putVarLong(meta.length);
        out.put(meta, 0, meta.length);
    }

    static Document decode(Bytes.Reader in, List<Path> shardPaths) {
        int shard = in.getVarInt();
        long position = in.getVarLong();
        PositionKind kind = KINDS[in.get()];
        String id = in.getString();
        String url = in.getNullableString();
        String text = in.getString();
        int metaLen = in.getVarInt();
        Map<String, Object> meta = Map.of();
        if (metaLen > 0) {
            byte[] b = in.getBytes(metaLen);
            try {
                meta = JSON.readValue(b, MAP);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("corrupt sample store: metadata of " + id, e);
            }
        }
        return new Document(id, text, url, new ShardRef(shardPaths.get(shard), position, kind), meta);
    }

    /**
     * Reads one encoded document from {@code in} (over {@code raw}) and appends its rows.bin entry to {@code row}:
     * id, URL, shard, position, characters, words, the last two counted on the UTF-8 bytes of the text.
     */
    static void row(byte[] raw, Bytes.Reader in, Bytes row) {
        long shard = in.getVarLong();
        long position = in.getVarLong();
        in.get();
        int idLen = in.getVarInt();
        row.putVarLong(idLen).put(raw, in.position(), idLen);
        in.skipBytes(idLen);
        int urlLen = in.getVarInt();
        row.putVarLong(urlLen);
        if (urlLen > 0) {
            row.put(raw, in.position(), urlLen - 1);
            in.skipBytes(urlLen - 1);
        }
        int textLen = in.getVarInt();
        int text = in.position();
        in.skipBytes(textLen);
        in.skipString();
        row.putVarLong(shard);
        row.putVarLong(position);
        row.putVarLong(TextCounts.charsUtf8(raw, text, text + textLen));
        row.putVarLong(TextCounts.wordsUtf8(raw, text, text + textLen));
    }

    static void skip(Bytes.Reader in) {
        in.getVarLong();
        in.getVarLong();
        in.get();
        in.skipString();
        int urlLen = in.getVarInt();
        in.skipBytes(Math.max(0, urlLen - 1));
        in.skipString();
        in.skipString();
    }
}
