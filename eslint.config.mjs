// ESLint for the map's JavaScript (geomap/static/*.js): plain browser scripts, inlined
// into map.html, with Leaflet's global L. Run: npm install --no-package-lock && npm run lint
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["geomap/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {...globals.browser, L: "readonly"},
    },
    rules: {
      "no-unused-vars": ["error", {args: "none"}],
      "eqeqeq": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "strict": ["error", "function"],
    },
  },
];
