// ESLint's recommended rules for the chart script and its Node tests: `npm --prefix tools/js run lint`
// (bash .ci/test runs it), which lints from the repository's root.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // Classic scripts: the chart script (the component's blob: script, the snapshot's <script>) and
    // the snapshot's chart slots.
    files: ["**/static/chart/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globals.browser },
  },
  {
    // The component's loader: an ES module Streamlit imports.
    files: ["**/static/chart/mount.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["**/tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
