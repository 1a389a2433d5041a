package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File reading and writing shared by the built-in steps, with errors that name the config path. */
final class StepFiles {
  private StepFiles() {}

  /** The UTF-8 text of {@code file}, which the config named {@code shown}. */
  static String read(Path file, String shown, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": no such file");
    } catch (AccessDeniedException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": permission denied");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new KargoException("error reading " + what + " \"" + shown + "\": not UTF-8 text");
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
