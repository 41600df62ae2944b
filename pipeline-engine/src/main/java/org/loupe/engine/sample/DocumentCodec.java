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
