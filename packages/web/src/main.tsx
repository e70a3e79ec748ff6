import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { AuthProvider } from "./app/auth";
import { ensureTab } from "./journal/tabs";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/editor.css";
import "./styles/ritual.css";

void ensureTab();

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <AuthProvider>
    <App />
  </AuthProvider>,
);
