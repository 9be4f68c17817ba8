/* The Zelftoetsen overview (`{{ zelftoetsen }}`, scripts/hooks/quizzes.py): each quiz's status in
 * this browser, read from the storage keys that quiz.js documents, and the "Wis alle antwoorden"
 * button (removes every key that starts with "quiz_").
 * scripts/hooks/assets.py puts it at the end of the overview's content: it runs on every arrival
 * at the overview, also by instant navigation; its click listener is added once per document. */
(function () {
  "use strict";

  var TEXT = {
    notStarted: "Nog niet begonnen",
    busy: "Bezig: {a} van {n} beantwoord, {c} goed",
    done: "Afgerond: {c} van {n} goed",
    examBusy: "Bezig: {a} van {n} beantwoord",
    examDone: "Ingeleverd: {c} van {n} goed, ",
    examPassed: "geslaagd",
    examFailed: "nog niet geslaagd",
    confirmAll: "Wil je de antwoorden van alle zelftoetsen in deze browser wissen? Ook je naam voor het " +
      "bewijs van deelname wordt gewist.",
    clearedAll: "Alle antwoorden in deze browser zijn gewist.",
  };

  function fill(text, values) {
    return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  // Storage never throws here: blocked storage reads as empty.
  function readObject(key) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  function showOverview(overview) {
    var config = document.getElementById("quiz-config");
    var passMark = config ? Number(config.getAttribute("data-pass-mark")) : 0;
    overview.querySelectorAll(".quiz-status").forEach(function (cell) {
      var ids = cell.getAttribute("data-quiz-ids").split(" ");
      var path = new URL(cell.closest("tr").querySelector("a").href).pathname;
      var saved = readObject("quiz_progress_" + path);
      var answered = ids.filter(function (id) {
        return saved[id] && saved[id].answered === true && Array.isArray(saved[id].selectedValues);
      });
      var correct = answered.filter(function (id) { return saved[id].correct === true; }).length;
      var exam = cell.hasAttribute("data-hand-in"), complete = answered.length === ids.length;
      var v = { a: answered.length, n: ids.length, c: correct };
      if (exam && !complete) {
        var draft = readObject("quiz_draft_" + path);
        v.a = ids.filter(function (id) { return Array.isArray(draft[id]) && draft[id].length; }).length;
      }
      cell.textContent = !v.a ? TEXT.notStarted
        : exam ? (complete ? fill(TEXT.examDone, v) + (correct * 100 >= passMark * ids.length ? TEXT.examPassed
          : TEXT.examFailed) : fill(TEXT.examBusy, v))
          : fill(complete ? TEXT.done : TEXT.busy, v);
      cell.classList.toggle("is-done", complete);
    });
  }

  function wipeAll(overview) {
    if (!confirm(TEXT.confirmAll)) return;
    var keys = [];
    try { keys = Object.keys(localStorage); } catch (e) { /* nothing stored */ }
    keys.forEach(function (key) {
      if (key.indexOf("quiz_") === 0) {
        try { localStorage.removeItem(key); } catch (e) { /* nothing kept anyway */ }
      }
    });
    showOverview(overview);
    document.dispatchEvent(new CustomEvent("quiz:status"));
    var status = document.querySelector(".quiz-wipe-status");
    if (status) status.textContent = TEXT.clearedAll;
  }

  function init() {
    var overview = document.querySelector(".quiz-overview");
    if (overview) showOverview(overview);
  }

  if (!window.quizOverviewListening) {
    window.quizOverviewListening = true;
    document.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target : null;
      var overview = document.querySelector(".quiz-overview");
      if (target && overview && target.closest(".quiz-wipe-all")) wipeAll(overview);
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) init(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
