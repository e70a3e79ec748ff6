import { CrisisResources } from "../components/CrisisResources";
import { SleepDefinitions } from "../sleep/SleepDefinitions";

export function HelpPage() {
  return (
    <div className="prose-width">
      <h1>Help &amp; crisis support</h1>
      <CrisisResources id="help-crisis" />

      <h2>What Meridian is — and is not</h2>
      <p>
        Meridian is a wellbeing journal for winding down, relaxation, stress and sleep. It is{" "}
        <strong>not a treatment</strong> and does not diagnose, treat or cure any condition. If you are
        struggling, please talk to a doctor, a mental-health professional or one of the services above.
      </p>

      <h2>Your words stay yours</h2>
      <p>
        Entries are kept on the server you (or your host) run, and while you type a copy is kept in this
        browser so nothing is lost if the connection drops or the page closes. Meridian makes no third-party
        requests and has no analytics.
      </p>

      <h2>Check-ups are screening scores, not a diagnosis</h2>
      <p>
        The GAD-7 and PHQ-8 check-ups are widely used screening questionnaires. A score sorts the last two
        weeks into the published ranges; it can't say what is behind them. If a score worries you, a GP or
        another health professional can look at the whole picture with you. Crisis resources are shown with
        every result.
      </p>

      <SleepDefinitions />

      <h2>The mood grid</h2>
      <p>
        At check-in and check-out the grid asks two things at once: left to right is how unpleasant or
        pleasant you feel, bottom to top how much energy you have. With a keyboard, Tab into the grid, then
        use the arrow keys; <kbd>Home</kbd> and <kbd>End</kbd> jump to the ends of a row.
      </p>

      <h2>Keyboard shortcuts in the editor</h2>
      <ul>
        <li>
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Shift</kbd> + <kbd>F</kbd> — distraction-free mode;{" "}
          <kbd>Esc</kbd> leaves it
        </li>
        <li>
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Shift</kbd> + <kbd>P</kbd> — switch between writing and preview
        </li>
        <li>
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>S</kbd> — save now (autosave runs anyway)
        </li>
        <li>
          In the tags field: <kbd>Enter</kbd> or <kbd>,</kbd> adds a tag, <kbd>Backspace</kbd> on an empty
          field removes the last one
        </li>
      </ul>
    </div>
  );
}
