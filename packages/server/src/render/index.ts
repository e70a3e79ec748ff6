/** The offline render pipeline shared by `meridian render` and the server's render routes. */
export { formatDuration, parseDuration } from "./duration";
export { MP3_SAMPLE_RATES, Mp3Writer } from "./mp3-writer";
export {
  type AudioWriter,
  openAudioWriter,
  RENDER_CHUNK,
  type RenderControl,
  type RenderFormat,
  type RenderOutcome,
  type RenderSpec,
  renderInto,
} from "./pipeline";
export { removeUserRenders } from "./render-service";
export { quantize16, readWav, WavWriter } from "./wav-writer";
