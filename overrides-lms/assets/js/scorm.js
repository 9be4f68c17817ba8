/* SCORM 1.2 adapter of the LMS package (scripts/lms.py builds the package; the intranet site and
 * the offline copy never contain it).
 *
 * The package is one SCO: the launch page scorm-start.html, which loads this file. It holds the
 * session with the LMS and shows the module's pages in a frame (#scorm-content), where the learner
 * moves from page to page as on the intranet. The pages share localStorage with this page (same
 * origin), and scorm-relay.js on every page posts quiz.js's events here.
 *
 * 1. The API is found the SCORM 1.2 way: an object `API` on this window or one of its parents,
 *    else on the opener (a package opened in a new window) or one of its parents. Without one the
 *    pages work as on the intranet and nothing is reported.
 * 2. LMSInitialize. lesson_status "not attempted" becomes "incomplete".
 * 3. Answers. cmi.suspend_data holds this learner's quiz state: the `quiz_` keys of this package
 *    (quiz.js's header lists them), their paths relative to the package. Before the first page
 *    loads, the package's keys in localStorage are replaced by it: on a shared computer no earlier
 *    learner's answers (or name) remain. Every change of those keys (the `storage` event) writes
 *    suspend_data again; encode() keeps it under SCORM 1.2's 4096 characters.
 * 4. `quiz:handed-in` (the Eindtoets): score.min 0, score.max 100, score.raw the percentage right
 *    (two decimals, rounded down, so it reaches the pass mark exactly when quiz.js says passed),
 *    lesson_status "passed" or "failed", committed at once. The best result counts: a later
 *    hand-in with a lower score leaves the earlier one standing.
 * 5. lesson_location is the page in the frame; a learner who comes back (entry "resume") starts
 *    there. Commits: after each page, after a hand-in, and a few seconds after answers change.
 * 6. On leaving (pagehide): session_time, exit "suspend" (so the LMS keeps suspend_data for the
 *    next visit), LMSCommit, LMSFinish; once the LMS has accepted them, the package's keys are
 *    removed from localStorage (nothing of the learner stays on a shared computer).
 *
 * Our own code, not an npm wrapper: pipwerks-scorm-api-wrapper (0.1.2) depends on a git URL, which
 * an install from the npm registry alone cannot fetch, and @gamestdio/scorm (0.1.3, the same
 * pipwerks code) ships CommonJS only, which a browser cannot load without a bundler. The SCORM
 * calls themselves are few; tests/test_lms.py runs this file against scorm-again.
 */
(function () {
  "use strict";

  var LIMIT = 4096;       // cmi.suspend_data in SCORM 1.2: CMIString4096
  var COMMIT_DELAY = 3000; // ms after the last change of the answers
  var frame = document.getElementById("scorm-content");
  var base = location.pathname.replace(/[^\/]*$/, ""); // the package's folder in the LMS
  var api = findAPI();
  var started = Date.now();
  var finished = false, written = null, commitTimer = null;

  // --- the API -----------------------------------------------------------------------------------

  function apiIn(win) {
    // Walk up from `win`: an LMS puts `API` on the window that frames the SCO, or higher.
    for (var depth = 0; win && depth < 10; depth++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) { /* a window of another origin: look further up */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    var found = apiIn(window);
    try {
      if (!found && window.opener) found = apiIn(window.opener);
      if (!found && window.top.opener && window.top.opener !== window.opener) found = apiIn(window.top.opener);
    } catch (e) { /* an opener of another origin has no API for us */ }
    return found;
  }

  function get(name) {
    return String(api.LMSGetValue(name) || "");
  }

  function set(name, value) {
    if (String(api.LMSSetValue(name, String(value))) === "true") return true;
    var code = api.LMSGetLastError();
    console.warn("SCORM: " + name + " not saved: " + code + " " + api.LMSGetErrorString(code));
    return false;
  }

  function commit() {
    window.clearTimeout(commitTimer);
    commitTimer = null;
    set("cmi.core.session_time", timespan(Date.now() - started));
    return String(api.LMSCommit("")) === "true";
  }

  function commitSoon() {
    window.clearTimeout(commitTimer);
    commitTimer = window.setTimeout(commit, COMMIT_DELAY);
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS
  function timespan(ms) {
    var cs = Math.min(Math.round(ms / 10), 9999 * 360000 - 1);
    function pad(n, width) { return String(n).padStart(width, "0"); }
    return pad(Math.floor(cs / 360000), 4) + ":" + pad(Math.floor(cs / 6000) % 60, 2) + ":" +
      pad(Math.floor(cs / 100) % 60, 2) + "." + pad(cs % 100, 2);
  }

  // --- the answers: localStorage <-> suspend_data ---------------------------------------------

  // A `quiz_` key of this package: "quiz_<kind>_<base><page>" becomes "<kind>:<page>", a key
  // without a page ("quiz_name") becomes its name; keys of other packages, and the probe, are not ours.
  function ownName(key) {
    var page = /^quiz_([a-z]+)_(\/.*)$/.exec(key);
    if (page) return page[2].indexOf(base) === 0 ? page[1] + ":" + page[2].slice(base.length) : null;
    return /^quiz_[a-z]+$/.test(key) && key !== "quiz_probe" ? key.slice(5) : null;
  }

  function storageKey(name) {
    var colon = name.indexOf(":");
    return colon < 0 ? "quiz_" + name : "quiz_" + name.slice(0, colon) + "_" + base + name.slice(colon + 1);
  }

  function storedKeys() {
    try {
      return Object.keys(localStorage).filter(function (key) { return ownName(key) !== null; });
    } catch (e) {
      return []; // storage blocked: quiz.js keeps nothing either
    }
  }

  function parsed(text) {
    try {
      var value = JSON.parse(text);
      return value && typeof value === "object" ? value : null;
    } catch (e) {
      return null;
    }
  }

  // The state as a short string. Values that are JSON objects are stored as objects (no escaped
  // quotes); mkdocs-quiz's answers as [correct, ...selectedValues] (1 for right, 0 for wrong).
  function encode(dropDrafts) {
    var state = {};
    storedKeys().forEach(function (key) {
      var name = ownName(key), raw = localStorage.getItem(key), value = parsed(raw);
      if (dropDrafts && name.indexOf("draft:") === 0) return;
      if (value && name.indexOf("progress:") === 0) {
        Object.keys(value).forEach(function (id) {
          var entry = value[id] || {};
          value[id] = [entry.correct ? 1 : 0].concat(entry.selectedValues || []);
        });
      }
      state[name] = value || raw;
    });
    return JSON.stringify(state);
  }

  function decode(text) {
    var state = parsed(text) || {}, out = {};
    Object.keys(state).forEach(function (name) {
      var value = state[name];
      if (name.indexOf("progress:") === 0 && value && typeof value === "object") {
        Object.keys(value).forEach(function (id) {
          var entry = Array.isArray(value[id]) ? value[id] : [0];
          value[id] = { answered: true, correct: entry[0] === 1, selectedValues: entry.slice(1) };
        });
      }
      out[storageKey(name)] = typeof value === "string" ? value : JSON.stringify(value);
    });
    return out;
  }

  function restore() {
    var saved = decode(get("cmi.suspend_data"));
    try {
      storedKeys().forEach(function (key) { localStorage.removeItem(key); });
      Object.keys(saved).forEach(function (key) { localStorage.setItem(key, saved[key]); });
    } catch (e) { /* storage blocked: the pages say so themselves */ }
    written = get("cmi.suspend_data");
  }

  function save() {
    var data = encode(false);
    if (data.length > LIMIT) data = encode(true); // an unfinished Eindtoets's choices go first
    if (data.length > LIMIT) {
      console.warn("SCORM: the answers need " + data.length + " characters, more than " + LIMIT + "; not saved.");
      return false;
    }
    if (data === written) return false;
    written = data;
    return set("cmi.suspend_data", data);
  }

  // --- what happens in the pages ----------------------------------------------------------------

  function handedIn(result) {
    if (!result || !(result.max > 0)) return;
    var raw = Math.floor(10000 * result.score / result.max) / 100;
    var before = get("cmi.core.score.raw");
    if (before === "" || raw >= Number(before)) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", raw);
      set("cmi.core.lesson_status", result.passed ? "passed" : "failed");
    }
    save();
    commit();
  }

  function onMessage(event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || !data || typeof data.scorm !== "string") return;
    if (data.scorm === "quiz:handed-in") handedIn(data.detail);
    if (data.scorm === "quiz:restarted") { save(); commit(); }
  }

  function onStorage(event) {
    if (event.key === null || ownName(event.key) !== null) {
      if (save()) commitSoon();
    }
  }

  function currentPage() {
    try {
      var path = frame.contentWindow.location.pathname;
      return path.indexOf(base) === 0 ? path.slice(base.length) : null;
    } catch (e) {
      return null; // a page of another host
    }
  }

  function showTitle() {
    try { document.title = frame.contentDocument.title || document.title; } catch (e) { /* another host */ }
  }

  function onFrameLoad() {
    var page = currentPage();
    if (page) set("cmi.core.lesson_location", page);
    save();
    commit();
  }

  // Once the LMS has everything, this browser keeps nothing of it (a shared computer).
  function finish() {
    if (finished) return;
    finished = true;
    save();
    set("cmi.core.exit", "suspend");
    var kept = commit();
    if (String(api.LMSFinish("")) === "true" && kept) {
      try { storedKeys().forEach(function (key) { localStorage.removeItem(key); }); } catch (e) { /* blocked */ }
    }
  }

  // --- start -------------------------------------------------------------------------------------

  var start = frame.getAttribute("data-start");
  if (api && String(api.LMSInitialize("")) === "true") {
    var status = get("cmi.core.lesson_status");
    if (status === "" || status === "not attempted") set("cmi.core.lesson_status", "incomplete");
    restore();
    var location_ = get("cmi.core.lesson_location");
    if (get("cmi.core.entry") === "resume" && /^[\w\-]+(\/[\w\-]+)*\.html$/.test(location_)) start = location_;
    window.addEventListener("message", onMessage);
    window.addEventListener("storage", onStorage);
    window.addEventListener("pagehide", finish);
    frame.addEventListener("load", onFrameLoad);
  } else if (api) {
    console.warn("SCORM: LMSInitialize failed: " + api.LMSGetLastError());
  }
  frame.addEventListener("load", showTitle); // the LMS's window or tab says which page is open
  frame.src = start;
})();
