export function HelpPage() {
  return (
    <div className="prose-width">
      <h1>Help &amp; crisis support</h1>
      <section className="card" aria-labelledby="crisis-heading">
        <h2 id="crisis-heading" className="flush-top">
          If you are in crisis or thinking about suicide
        </h2>
        <p>You deserve support right now. Please reach out to someone who can help:</p>
        <ul>
          <li>
            <strong>United States:</strong> call or text <strong>988</strong> — the 988 Suicide &amp; Crisis
            Lifeline, any time, day or night.
          </li>
          <li>
            <strong>United Kingdom and Republic of Ireland:</strong> call Samaritans on{" "}
            <strong>116 123</strong>, free, any time.
          </li>
          <li>
            <strong>Elsewhere:</strong> find a free, confidential helpline in your country at{" "}
            <strong>findahelpline.com</strong>.
          </li>
          <li>If you are in immediate danger, call your local emergency number.</li>
        </ul>
      </section>

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
