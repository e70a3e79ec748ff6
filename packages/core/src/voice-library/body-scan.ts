import type { Story } from "./types";

/** A slow, guided tour of attention through the body, from the feet to the face. */
export const BODY_SCAN: Story = {
  id: "body-scan",
  title: "A Gentle Body Scan",
  summary: "A slow, guided walk of your attention from your feet up to your face, with nothing to achieve.",
  setting: "Wherever you are lying or sitting, as you get ready for sleep",
  paragraphs: [
    "Let yourself get comfortable, lying down or sitting, whichever feels easiest right now. There is nothing to get right here. You can follow along with the words, or you can simply listen to the sound of the voice, and let it be in the background. Both are fine. If you fall asleep part of the way through, that is fine too.",
    "Begin by noticing that you are here, resting. Notice the places where your body meets whatever is holding it up. The mattress, the pillow, the back of a chair. Feel how it supports you. You do not need to hold yourself up. You can let the bed, or the chair, take your weight.",
    "Take a slow breath in, if you like, and let it out gently, without any effort. Then let your breathing go back to its own rhythm. You do not need to control it. It knows what to do.",
    "Now, bring your attention down to your feet. Just notice them, whatever they feel like right now. Perhaps they are warm, or cool. Perhaps you can feel the touch of a blanket, or a sock, or the air. Perhaps you notice very little at all. Whatever is there is fine. You are only noticing.",
    "Notice your toes, one after another, if you can, or all together if that is easier. Notice the soles of your feet, and the heels, resting. And if there is any tightness there, you might let it soften a little. Or you might just let it be as it is.",
    "Let your attention move slowly up, to your ankles, and then to your lower legs. Your shins, your calves. Notice their weight, resting down into the bed. They have carried you all day. They can rest now. There is nothing they need to do.",
    "Now your knees. The backs of the knees, and the fronts. And then up into your thighs, the big, strong muscles of the upper legs. Notice them getting heavier, if they want to. Notice the warmth of them, or the coolness. Let them sink.",
    "Let your attention rest for a moment on both legs together, from the hips down to the toes. Two long, heavy, resting shapes. Nothing to do. Nowhere to go.",
    "Now bring your attention to your hips, and the base of your back, where your body meets the bed. Notice the weight there, the solid, settled weight. Let the bed hold you.",
    "Move up slowly into your belly. Notice how it rises a little as you breathe in, and falls as you breathe out. You do not need to change anything. Just let your attention rest there, riding on the breath, like a small boat on gentle water. Rising, and falling.",
    "Now your lower back, and your middle back. Notice any places that feel tight, and any that feel loose. If a place feels tight, you can breathe a little softness towards it, or you can simply say to yourself, that is fine, and move on.",
    "Let your attention come up into your chest. Notice the breath moving there too, the ribs widening a little, and settling back. Notice the steady, quiet rhythm of your body, going on by itself, looking after you, without your needing to do anything at all.",
    "Now your upper back, and your shoulders. Shoulders often carry a lot during the day. Notice them now. Perhaps they are lifted a little, without your realising. If you like, you can let them drop, just slightly, down and away from your ears. And then let them drop a little more. There is no need to hold them up.",
    "Let your attention travel down your arms. Your upper arms, your elbows, your forearms. Noticing their weight, resting by your sides, or wherever they are. Now your wrists, and your hands. The palms of your hands, the backs of your hands. Each finger, one by one, or all together. Notice any tingling, or warmth, or coolness. Let your hands be loose and heavy, with nothing to hold.",
    "Now bring your attention up into your neck. The front of the neck, the sides, the back, where the head rests. Let the pillow take the weight of your head completely. You do not need to hold it up any more tonight.",
    "Notice your jaw. It is a place that often holds on, quietly, through the day. See if you can let it loosen, just a little. The teeth slightly apart. The tongue resting softly in the mouth. The lips soft.",
    "Notice your cheeks, and the small muscles around your nose. And then your eyes. Let your eyelids be heavy. Let the eyes rest in the soft dark behind them, not looking at anything. Notice the space between your eyebrows, and let it smooth out, like a sheet being gently straightened.",
    "Now your forehead. Let it be wide and smooth and calm. And the top of your head, and the back of your head, resting on the pillow. Your scalp, your ears. Notice any sounds in the room, and let them come and go, without needing to follow them.",
    "Now let your attention widen, to take in your whole body at once. From the top of your head, down through your face, your neck and shoulders, your arms and hands, your chest and belly, your back, your hips, your legs, all the way down to your feet. One whole body, resting, breathing, held.",
    "If your mind has wandered anywhere during these minutes, that is completely fine. Minds wander. That is what they do. You can gently come back to the feeling of your body resting, whenever you notice, without any fuss.",
    "There is nothing more to do now. You can stay here, feeling the weight of your body and the slow rhythm of your breath. Or you can let go of the words altogether, and let your attention drift wherever it likes.",
    "Resting. Breathing. Heavy and warm and still. Letting the night take care of everything else, as you drift softly towards sleep.",
  ],
};
