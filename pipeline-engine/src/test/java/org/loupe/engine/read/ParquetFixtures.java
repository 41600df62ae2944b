package org.loupe.engine.read;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes small Parquet files for reader tests with parquet-java's example writer, without Hadoop.
 *
 * <p>Two builder methods are overloaded with Hadoop types ({@code builder(Path)} next to
 * {@code builder(OutputFile)}, {@code withConf(Configuration)} next to
 * {@code withConf(ParquetConfiguration)}), and javac needs every overload's parameter types to pick
 * one. Calling those two through method handles keeps Hadoop off the compile and test classpaths,
 * so the tests prove that reading needs no Hadoop at all.
 */
final class ParquetFixtures {
    private static final MethodHandle BUILDER;
    private static final MethodHandle WITH_CONF;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            BUILDER = lookup.findStatic(ExampleParquetWriter.class, "builder",
                    MethodType.methodType(ExampleParquetWriter.Builder.class, OutputFile.class));
            WITH_CONF = lookup.findVirtual(ParquetWriter.Builder.class, "withConf",
                    MethodType.methodType(ParquetWriter.Builder.class, ParquetConfiguration.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ParquetFixtures() {
    }

    /** How a file is written: codec and rows per row group. */
    record Layout(CompressionCodecName codec, int rowsPerRowGroup) {
        static Layout plain() {
            return new Layout(CompressionCodecName.UNCOMPRESSED, Integer.MAX_VALUE);
        }

        static Layout snappy(int rowsPerRowGroup) {
            return new Layout(CompressionCodecName.SNAPPY, rowsPerRowGroup);
        }
    }

    static MessageType schema(String text) {
        return MessageTypeParser.parseMessageType(text);
    }

    /** Writes one row per call of {@code row} (the group to fill and the row index). */
    static Path write(Path file, MessageType schema, Layout layout, int rows, RowWriter row) throws IOException {
        Files.deleteIfExists(file);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = builder(file, schema, layout).build()) {
            for (int i = 0; i < rows; i++) {
                Group g = groups.newGroup();
                row.fill(g, i);
                writer.write(g);
            }
        }
        return file;
    }

    static Path write(Path file, MessageType schema, List<Consumer<Group>> rows) throws IOException {
        return write(file, schema, Layout.plain(), rows.size(), (g, i) -> rows.get(i).accept(g));
    }

    @FunctionalInterface
    interface RowWriter {
        void fill(Group group, int index);
    }

    private static ExampleParquetWriter.Builder builder(Path file, MessageType schema, Layout layout) {
        try {
            ExampleParquetWriter.Builder b = (ExampleParquetWriter.Builder) BUILDER.invoke((OutputFile) new LocalOutputFile(file));
            b = (ExampleParquetWriter.Builder) WITH_CONF.invoke(b, (ParquetConfiguration) new PlainParquetConfiguration());
            return b.withType(schema)
                    .withCodecFactory(new TestCompressors())
                    .withCompressionCodec(layout.codec())
                    .withRowGroupRowCountLimit(layout.rowsPerRowGroup())
                    .withPageRowCountLimit(Math.min(1000, layout.rowsPerRowGroup()));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compressors for the test writer: snappy through aircompressor; BROTLI is a stand-in that stores
     * the bytes as they are but labels the pages BROTLI, to make a file with a codec Loupe cannot read.
     */
    private static final class TestCompressors implements CompressionCodecFactory {
        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    if (codec != CompressionCodecName.SNAPPY) {
                        return BytesInput.from(bytes.toByteArray());
                    }
                    byte[] in = bytes.toByteArray();
                    SnappyCompressor snappy = new SnappyCompressor();
                    byte[] out = new byte[snappy.maxCompressedLength(in.length)];
                    int n = snappy.compress(in, 0, in.length, out, 0, out.length);
                    return BytesInput.from(out, 0, n);
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return codec;
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            throw new UnsupportedOperationException("write-only");
        }

        @Override
        public void release() {
        }
    }
}
