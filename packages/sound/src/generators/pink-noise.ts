import { makeNoiseDef } from "./noise-bed";

/** Pink noise: −3 dB per octave, equal energy per octave, the "rain on a window" colour. */
export const pinkNoise = makeNoiseDef({
  id: "pink-noise",
  label: "Pink noise",
  description: "Balanced, soft noise with equal energy in every octave, like steady distant rain.",
  colour: "pink",
  toneDefault: 1,
  calibrationDb: -18.4,
});
