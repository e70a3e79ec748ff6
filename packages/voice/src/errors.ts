/** Bad text given to the speech engine: a clear code the caller can turn into a message. */
export type SpeechInputCode = "empty_text" | "text_too_long" | "unspeakable_text";

export class SpeechInputError extends Error {
  override readonly name = "SpeechInputError";
  constructor(
    readonly code: SpeechInputCode,
    message: string,
  ) {
    super(message);
  }
}
