import { useId, useState } from "react";
import "./account.css";

interface Props {
  recoveryKey: string;
  /** Whose key it is, when someone else will hold it (an owner adding a member). */
  forUsername?: string;
  continueLabel?: string;
  onDone(): void;
}

/** Shows a recovery key once: copy button, and a confirmation before moving on. */
export function RecoveryKeyNotice({ recoveryKey, forUsername, continueLabel = "Continue", onDone }: Props) {
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="recovery-key-notice">
      <h2 id={`${id}-h`} className="flush-top">
        {forUsername ? `Recovery key for ${forUsername}` : "Your recovery key"}
      </h2>
      <p>
        {forUsername ? `Give this to ${forUsername}. ` : ""}
        Journal text is encrypted with a key that only a password or this recovery key can open. If the
        password is forgotten, this key sets a new one without losing a word. Nobody — not even the person
        running this server — can recover the journal without one of them.
      </p>
      <p className="muted">
        It is shown only now. Keep it somewhere safe and private: a password manager, or printed on paper.
        {forUsername &&
          ` Since you chose ${forUsername}'s first password and saw this key, suggest they change the password and make a new recovery key in Settings.`}
      </p>
      <code className="recovery-key" data-testid="recovery-key">
        {recoveryKey}
      </code>
      <div className="row">
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy recovery key
        </button>
        <span aria-live="polite" className="small muted">
          {copied === "yes" && "Copied."}
          {copied === "failed" && "Copying is blocked here; select the key and copy it by hand."}
        </span>
      </div>
      <label className="row">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <span>{forUsername ? "I have passed it on safely" : "I have saved my recovery key"}</span>
      </label>
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={!saved} onClick={onDone}>
          {continueLabel}
        </button>
      </div>
    </section>
  );
}
