package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.ExprFunction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** expr's toJSON, fromJSON, toBase64 and fromBase64. Stateless and thread-safe. */
final class EncodingFunctions {
  private EncodingFunctions() {}

  static void register(Map<String, ExprFunction> into) {
    into.put(
        "toJSON",
        args -> {
          Args.count("toJSON", args, 1, 1);
          return GoJson.encode(args.get(0), "  ");
        });
    into.put(
        "fromJSON",
        args -> {
          Args.count("fromJSON", args, 1, 1);
          return GoJson.decode(Args.string("fromJSON", args, 0));
        });
    into.put(
        "toBase64",
        args -> {
          Args.count("toBase64", args, 1, 1);
          return Base64.getEncoder().encodeToString(GoStrings.utf8(Args.string("toBase64", args, 0)));
        });
    into.put(
        "fromBase64",
        args -> {
          Args.count("fromBase64", args, 1, 1);
          byte[] bytes = decodeBase64(GoStrings.utf8(Args.string("fromBase64", args, 0)));
          return new String(bytes, StandardCharsets.UTF_8);
        });
  }

  private static final int[] DECODE = new int[256];

  static {
    java.util.Arrays.fill(DECODE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = i;
    }
  }

  private static IllegalArgumentException corrupt(int offset) {
    return new IllegalArgumentException("illegal base64 data at input byte " + offset);
  }

  /**
   * {@code base64.StdEncoding.DecodeString}: padding required, CR and LF ignored, offsets in
   * errors counted in input bytes.
   */
  static byte[] decodeBase64(byte[] src) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int si = 0;
    while (true) {
      int[] dbuf = new int[4];
      int dlen = 4;
      boolean end = false;
      int j = 0;
      while (j < 4) {
        if (si == src.length) {
          if (j == 0) {
            return out.toByteArray();
          }
          // padding is required: a partial quantum is corrupt
          throw corrupt(si - j);
        }
        int in = src[si] & 0xff;
        si++;
        int v = DECODE[in];
        if (v >= 0) {
          dbuf[j] = v;
          j++;
          continue;
        }
        if (in == '\n' || in == '\r') {
          continue;
        }
        if (in != '=') {
          throw corrupt(si - 1);
        }
        // padding
        switch (j) {
          case 0, 1 -> throw corrupt(si - 1);
          case 2 -> {
            while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
              si++;
            }
            if (si == src.length) {
              throw corrupt(src.length);
            }
            if (src[si] != '=') {
              throw corrupt(si - 1);
            }
            si++;
          }
          default -> {
            // j == 3: a single '='
          }
        }
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
          si++;
        }
        if (si < src.length) {
          throw corrupt(si);
        }
        dlen = j;
        end = true;
        break;
      }
      int val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
      int b0 = (val >> 16) & 0xff;
      int b1 = (val >> 8) & 0xff;
      int b2 = val & 0xff;
      switch (dlen) {
        case 4 -> {
          out.write(b0);
          out.write(b1);
          out.write(b2);
        }
        case 3 -> {
          out.write(b0);
          out.write(b1);
        }
        case 2 -> out.write(b0);
        default -> { }
      }
      if (end) {
        return out.toByteArray();
      }
    }
  }
}
