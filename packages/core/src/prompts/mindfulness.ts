import type { Prompt } from "../api/prompt";

/**
 * Mindfulness: noticing what is here right now, without judging it.
 * Ids are stable (journal entries refer to them): never renumber; add new prompts at the end.
 */
export const MINDFULNESS_PROMPTS: readonly Prompt[] = [
  {
    id: "mindfulness-01",
    category: "mindfulness",
    text: "What can you hear right now, nearest first, then further away?",
    builtIn: true,
  },
  {
    id: "mindfulness-02",
    category: "mindfulness",
    text: "Pick one sound in this track and follow it for a few breaths. What does it do when you stop trying to hold on to it?",
    builtIn: true,
  },
  {
    id: "mindfulness-03",
    category: "mindfulness",
    text: "Where is your breath moving right now: chest, belly, or somewhere in between? Describe it without changing it.",
    builtIn: true,
  },
  {
    id: "mindfulness-04",
    category: "mindfulness",
    text: "With your eyes closed for a moment, what three things can you notice without moving?",
    builtIn: true,
  },
  {
    id: "mindfulness-05",
    category: "mindfulness",
    text: "When your attention wandered just now, where did it go? Note it kindly, then come back to the sound.",
    builtIn: true,
  },
  {
    id: "mindfulness-06",
    category: "mindfulness",
    text: "Describe the little pause between two sounds in this recording.",
    builtIn: true,
  },
  {
    id: "mindfulness-07",
    category: "mindfulness",
    text: "What is the temperature of the air on your skin right now?",
    builtIn: true,
  },
  {
    id: "mindfulness-08",
    category: "mindfulness",
    text: "Write down the thoughts passing through your mind as if they were clouds going by, without judging any of them.",
    builtIn: true,
  },
  {
    id: "mindfulness-09",
    category: "mindfulness",
    text: "If this moment had a texture, what would it be?",
    builtIn: true,
  },
  {
    id: "mindfulness-10",
    category: "mindfulness",
    text: "Find one small object near you and describe it as if you were seeing it for the first time.",
    builtIn: true,
  },
  {
    id: "mindfulness-11",
    category: "mindfulness",
    text: "How does the rhythm of this sound compare with the rhythm of your breathing?",
    builtIn: true,
  },
  {
    id: "mindfulness-12",
    category: "mindfulness",
    text: "Notice what your hands are doing right now. Describe them in one or two plain sentences.",
    builtIn: true,
  },
  {
    id: "mindfulness-13",
    category: "mindfulness",
    text: "Which part of today are you still carrying into this moment? Notice it, then let your attention rest on the sound again.",
    builtIn: true,
  },
  {
    id: "mindfulness-14",
    category: "mindfulness",
    text: "Write a few sentences that each begin with 'Right now I notice' and let each one end wherever it wants.",
    builtIn: true,
  },
];
