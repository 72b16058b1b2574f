/** Longest input decoded in JS; past this the native decoder's per-call cost matters little. */
const ASCII_FAST_MAX = 4096;

/**
 * A TextDecoder for many short inputs, such as the field names and values of an event stream's lines.
 * Nearly all of those are plain ASCII, where UTF-8 is one character per byte: this turns them into a
 * string in JS, several times faster than a call into the native decoder, and hands everything else
 * (any byte over 0x7F, long inputs, streaming) to the native one, so the result is always the same.
 */
export class AsciiFirstDecoder extends TextDecoder {
  /** Once a call streams, the native decoder may hold part of a character: every later call goes to it. */
  private streamed = false;

  override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
    if (
      !this.streamed &&
      options === undefined &&
      input instanceof Uint8Array &&
      input.length <= ASCII_FAST_MAX
    ) {
      let i = 0;
      while (i < input.length && input[i]! < 0x80) i++;
      if (i === input.length) return String.fromCharCode.apply(null, input as unknown as number[]);
    }
    if (options?.stream) this.streamed = true;
    return super.decode(input, options);
  }
}
