import { makeNoiseDef } from "./noise-bed";

/** Brown (red) noise: −6 dB per octave, a deep rumble like a far waterfall or a plane cabin. */
export const brownNoise = makeNoiseDef({
  id: "brown-noise",
  label: "Brown noise",
  description: "Deep, warm rumble with the highs rolled away, like a far waterfall or a cabin at night.",
  colour: "brown",
  toneDefault: 1,
  calibrationDb: -19.1,
});
