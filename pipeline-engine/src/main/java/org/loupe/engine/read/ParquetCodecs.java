package org.loupe.engine.read;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page decompressors for Parquet without Hadoop: snappy and LZ4_RAW through aircompressor (pure
 * Java), zstd through zstd-jni (already used for {@code .jsonl.zst}), gzip through the JDK.
 * parquet-java's own codec factory goes through Hadoop's {@code CompressionCodec} classes, which
 * would pull hadoop-common and its dependencies into the app jar. Read-only: Loupe never writes
 * Parquet with this factory.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    /** The codecs this factory decompresses; files using another one are reported, not read. */
    static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW);

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(codec);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("Loupe reads Parquet only");
    }

    @Override
    public void release() {
    }

    private static final class Decompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput input, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return input;
            }
            byte[] in = input.toByteArray();
            return BytesInput.from(decompress(in, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(codec == CompressionCodecName.UNCOMPRESSED ? in : decompress(in, uncompressedSize));
        }

        private byte[] decompress(byte[] in, int size) throws IOException {
            byte[] out = new byte[size];
            try {
                int n = switch (codec) {
                    case SNAPPY -> new SnappyDecompressor().decompress(in, 0, in.length, out, 0, size);
                    case LZ4_RAW -> new Lz4Decompressor().decompress(in, 0, in.length, out, 0, size);
                    case ZSTD -> zstd(in, out);
                    case GZIP -> gzip(in, out);
                    default -> throw new IOException("compression codec " + codec + " is not supported");
                };
                if (n != size) {
                    throw new IOException(codec + " page decompressed to " + n + " bytes, the header says " + size);
                }
                return out;
            } catch (MalformedInputException e) {
                throw new IOException(codec + " data is corrupt: " + e.getMessage(), e);
            }
        }

        private static int zstd(byte[] in, byte[] out) throws IOException {
            long n = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
            if (Zstd.isError(n)) {
                throw new IOException("ZSTD data is corrupt: " + Zstd.getErrorName(n));
            }
            return (int) n;
        }

        private static int gzip(byte[] in, byte[] out) throws IOException {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
                return gz.readNBytes(out, 0, out.length);
            }
        }

        @Override
        public void release() {
        }
    }
}
