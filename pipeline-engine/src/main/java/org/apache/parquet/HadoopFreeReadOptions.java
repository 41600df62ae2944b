package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Builds {@link ParquetReadOptions} without touching Hadoop. Part of Loupe, not of parquet-java.
 *
 * <p>Why this class lives in parquet-java's package: every public way to build read options
 * ({@code ParquetReadOptions.builder(...)}) runs {@code ParquetInputFormat.getFilter}, which loads
 * {@code org.apache.hadoop.mapreduce.lib.input.FileInputFormat}, and installs Hadoop's codec factory,
 * whose snappy/zstd/gzip codecs need a fully configured {@code org.apache.hadoop.conf.Configuration}
 * (hadoop-common and its own dependencies). Loupe ships one jar without Hadoop, so it calls the
 * package-private constructor instead, with its own codecs (see ADR 0002). Being compiled against
 * that constructor, a parquet-java upgrade that changes it fails the build, not a user's read.
 */
public final class HadoopFreeReadOptions {
    /** parquet-java's default largest single buffer for reading a column chunk. */
    private static final int MAX_ALLOCATION_BYTES = 8 * 1024 * 1024;

    private HadoopFreeReadOptions() {
    }

    /**
     * Options that read every row of every row group (no statistics, dictionary, bloom or record
     * filtering), verify page checksums where the writer stored them, and decompress with
     * {@code codecs}.
     */
    public static ParquetReadOptions create(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false,  // useSignedStringMinMax
                false,  // useStatsFilter
                false,  // useDictionaryFilter
                false,  // useRecordFilter
                false,  // useColumnIndexFilter
                true,   // usePageChecksumVerification: corrupt pages fail loudly instead of decoding garbage
                false,  // useBloomFilter
                false,  // useOffHeapDecryptBuffer
                false,  // useHadoopVectoredIo
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                codecs,
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION_BYTES,
                new HashMap<>(),
                null,   // no decryption properties: encrypted files are reported as unreadable
                null,   // no metrics callback
                new PlainParquetConfiguration());
    }
}
