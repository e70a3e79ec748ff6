import type { WindDownSet } from "./types";

/** Short whispered lines, spoken one at a time with long pauses between them. */
export const WIND_DOWN_SETS: readonly WindDownSet[] = [
  {
    id: "wind-down-letting-go",
    title: "Letting go of the day",
    lines: [
      "The day is done now. You can let it be done.",
      "Whatever was left unfinished can wait for morning. It will still be there, and so will you.",
      "You do not have to hold on to anything right now.",
      "Let the thoughts come and go, like people passing a window.",
      "There is nothing to solve tonight. Only rest.",
      "You did enough today. You can put it down.",
      "Let your shoulders drop, just a little, and then a little more.",
      "If a worry comes along, you can thank it, and set it on the shelf for tomorrow.",
      "Nothing needs your attention now. The night can look after itself.",
      "Let the day drift away behind you, like a boat slowly leaving the shore.",
      "You are allowed to stop for now.",
    ],
  },
  {
    id: "wind-down-room",
    title: "The room around you",
    lines: [
      "Notice the weight of the blanket, resting on you, gently.",
      "Feel where the pillow holds your head. You can let it take all the weight.",
      "The room is quiet, and dim, and warm enough.",
      "Listen to the small sounds of the house settling for the night.",
      "Feel the cool side of the pillow, and the warm side, and rest wherever is comfortable.",
      "The bed is holding you up. You do not have to do anything to stay here.",
      "Somewhere outside, the world is going quiet too.",
      "Let your hands lie loose and heavy, wherever they are.",
      "Notice the soft dark behind your eyelids, and how restful it is.",
      "The air in the room moves slowly, and everything in it is still.",
      "Your feet are resting, your legs are resting. Everything is resting.",
    ],
  },
  {
    id: "wind-down-breath",
    title: "Breath",
    lines: [
      "Breathe in, slowly. And let it go, even more slowly.",
      "You do not need to change your breathing. Just notice it, coming and going.",
      "Each breath out can be a little softer than the one before.",
      "Feel the air, cool as it comes in, and warm as it leaves.",
      "Let the breath find its own pace, like waves on a calm shore.",
      "In, and a long, easy out.",
      "Notice the small pause at the end of each breath, and rest there for a moment.",
      "Your breath knows how to do this on its own. You can simply listen.",
      "With every breath out, sink a little deeper into the bed.",
      "Slow, and soft, and steady. That is all.",
      "Breathing in, the night is quiet. Breathing out, you are quiet too.",
    ],
  },
];
