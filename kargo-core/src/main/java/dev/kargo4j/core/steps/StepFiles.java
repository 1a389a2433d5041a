package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File reading and writing shared by the built-in steps, with errors that name the config path. */
final class StepFiles {
  private StepFiles() {}

  /**
   * The UTF-8 text of {@code file}, which the config named {@code shown}; a file larger than
   * {@code maxBytes} is refused before it is read whole (files come from repositories).
   */
  static String read(Path file, String shown, String what, int maxBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1L));
      if (bytes.length > maxBytes) {
        throw new KargoException("error reading " + what + " \"" + shown + "\": the file is larger than"
            + " the limit of " + maxBytes + " bytes (DocumentLimits.maxDocumentBytes); refused");
      }
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": no such file");
    } catch (AccessDeniedException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": permission denied");
    } catch (IOException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": " + e.getMessage());
    }
  }

  /** Replaces the content of the existing or new {@code file}, keeping its permissions. */
  static void write(Path file, String content, String shown, String what) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KargoException("error writing " + what + " \"" + shown + "\": " + e.getClass().getSimpleName());
    }
  }
}
