import type { Prompt } from "../api/prompt";

/**
 * Sensations: how the sound feels in the body and where your attention goes.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const SENSATIONS_PROMPTS: readonly Prompt[] = [
  {
    id: "sensations-01",
    category: "sensations",
    text: "Where in your body do you notice the sound first: ears, scalp, neck, or somewhere else?",
    builtIn: true,
  },
  {
    id: "sensations-02",
    category: "sensations",
    text: "Are there any tingles right now? Describe where they start and which way they travel.",
    builtIn: true,
  },
  {
    id: "sensations-03",
    category: "sensations",
    text: "Does this sound feel warm or cool to you? Where do you feel that temperature?",
    builtIn: true,
  },
  {
    id: "sensations-04",
    category: "sensations",
    text: "Notice your scalp and the back of your neck. What, if anything, feels different from a few minutes ago?",
    builtIn: true,
  },
  {
    id: "sensations-05",
    category: "sensations",
    text: "Which sound in this track feels closest to you, almost as if it were right beside your ear?",
    builtIn: true,
  },
  {
    id: "sensations-06",
    category: "sensations",
    text: "Do your arms and legs feel heavier or lighter than when you started listening? Describe it.",
    builtIn: true,
  },
  {
    id: "sensations-07",
    category: "sensations",
    text: "When the sound moves from one ear to the other, how does your attention follow it?",
    builtIn: true,
  },
  {
    id: "sensations-08",
    category: "sensations",
    text: "Describe the texture of this sound as if you could touch it: soft, crisp, grainy, smooth, or something else.",
    builtIn: true,
  },
  {
    id: "sensations-09",
    category: "sensations",
    text: "Where does your body feel most relaxed right now, and where is it still holding on?",
    builtIn: true,
  },
  {
    id: "sensations-10",
    category: "sensations",
    text: "What happens in your shoulders when the sound gets quieter?",
    builtIn: true,
  },
  {
    id: "sensations-11",
    category: "sensations",
    text: "Some people feel nothing in particular while listening, and that's fine. What do you notice, even if it's simply stillness?",
    builtIn: true,
  },
  {
    id: "sensations-12",
    category: "sensations",
    text: "Does a whisper, a tap or a rustle catch your attention most? What does it feel like when it does?",
    builtIn: true,
  },
  {
    id: "sensations-13",
    category: "sensations",
    text: "Describe how your face and jaw feel right now, from forehead down to chin.",
    builtIn: true,
  },
  {
    id: "sensations-14",
    category: "sensations",
    text: "If this sound were a kind of weather moving across your skin, what would it be like?",
    builtIn: true,
  },
];
