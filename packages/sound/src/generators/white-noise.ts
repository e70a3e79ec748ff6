import { makeNoiseDef } from "./noise-bed";

/** White noise: flat spectrum, softened at the top by default so it is a hush, not a hiss. */
export const whiteNoise = makeNoiseDef({
  id: "white-noise",
  label: "White noise",
  description: "An even, bright hush that masks chatter and clatter; tone softens the top end.",
  colour: "white",
  toneDefault: 0.85,
  calibrationDb: -28.0,
});
