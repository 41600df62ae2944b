package org.loupe.app.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a native library inside a jar is built for, read from its header: ELF (Linux; FreeBSD and OpenBSD by
 * their OS/ABI byte), PE (Windows) or Mach-O (macOS, thin or universal), and the CPU ({@code x86_64},
 * {@code aarch64}, or another name for anything else).
 */
record NativeBinary(String os, List<String> archs) {

    /** Whether a jar entry is a native library by its name. */
    static boolean isNativeLibrary(String entry) {
        String n = entry.toLowerCase(Locale.ROOT);
        return !n.endsWith("/") && (n.endsWith(".so") || n.matches(".*\\.so\\.[0-9.]+") || n.endsWith(".dll")
                || n.endsWith(".dylib") || n.endsWith(".jnilib") || n.endsWith(".a"));
    }

    /** Whether a jar entry is a debug-symbol or link-time file of a native library, which nothing loads. */
    static boolean isDebugOrLinkFile(String entry) {
        String n = entry.toLowerCase(Locale.ROOT);
        return n.contains(".dsym/") || n.endsWith(".pdb") || n.endsWith(".lib") || n.endsWith(".exp")
                || n.endsWith(".obj");
    }

    /** Reads the header (the first 4 KiB are enough for every format). */
    static NativeBinary of(byte[] h) {
        if (h.length >= 20 && h[0] == 0x7F && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
            boolean little = h[5] == 1;
            int machine = little ? u16le(h, 18) : u16be(h, 18);
            String os = switch (h[7]) {
                case 9 -> "freebsd";
                case 12 -> "openbsd";
                case 6 -> "solaris";
                default -> "linux";
            };
            return new NativeBinary(os, List.of(switch (machine) {
                case 62 -> "x86_64";
                case 183 -> "aarch64";
                default -> "elf-machine-" + machine;
            }));
        }
        if (h.length >= 64 && h[0] == 'M' && h[1] == 'Z') {
            int pe = (int) u32le(h, 0x3C);
            if (pe + 6 <= h.length && h[pe] == 'P' && h[pe + 1] == 'E') {
                int machine = u16le(h, pe + 4);
                return new NativeBinary("windows", List.of(switch (machine) {
                    case 0x8664 -> "x86_64";
                    case 0xAA64 -> "aarch64";
                    default -> "pe-machine-" + Integer.toHexString(machine);
                }));
            }
        }
        if (h.length >= 8 && (u32le(h, 0) == 0xFEEDFACFL || u32le(h, 0) == 0xFEEDFACEL)) {
            return new NativeBinary("macos", List.of(machO(u32le(h, 4))));
        }
        if (h.length >= 8 && u32be(h, 0) == 0xCAFEBABEL) {
            int n = (int) u32be(h, 4);
            List<String> archs = new ArrayList<>();
            for (int i = 0; i < n && 8 + 20 * i + 4 <= h.length; i++) {
                archs.add(machO(u32be(h, 8 + 20 * i)));
            }
            return new NativeBinary("macos", archs);
        }
        if (h.length >= 8 && new String(h, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("<bigaf>")) {
            return new NativeBinary("aix", List.of("ppc"));
        }
        return new NativeBinary("unknown", List.of());
    }

    private static String machO(long cpu) {
        if (cpu == 0x01000007L) {
            return "x86_64";
        }
        if (cpu == 0x0100000CL) {
            return "aarch64";
        }
        return "macho-cpu-" + Long.toHexString(cpu);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32le(byte[] b, int i) {
        return (u16le(b, i) | (long) u16le(b, i + 2) << 16) & 0xFFFFFFFFL;
    }

    private static long u32be(byte[] b, int i) {
        return ((long) u16be(b, i) << 16 | u16be(b, i + 2)) & 0xFFFFFFFFL;
    }
}
