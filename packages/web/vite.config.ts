import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The server's CSP is `script-src 'self'`: nothing may be inlined into index.html. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://127.0.0.1:4711", changeOrigin: false },
    },
  },
});
