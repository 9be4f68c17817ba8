/* Check marks in the navigation for quizzes finished in this browser.
 * nav-item.html gives each quiz page's link a hidden mark with the quiz's fingerprint (a hash of its
 * question ids, scripts/hooks/quizzes.py); quiz.js stores localStorage["quiz_done_" + path] = that
 * fingerprint when every question is answered (or the Eindtoets is handed in) and dispatches
 * "quiz:status" on document. An edited quiz has a new fingerprint, so its old mark stays hidden. */
(function () {
  "use strict";

  function mark() {
    document.querySelectorAll(".quiz-nav-done").forEach(function (el) {
      var path = new URL(el.getAttribute("data-quiz-url"), location.href).pathname, done = false;
      try {
        done = localStorage.getItem("quiz_done_" + path) === el.getAttribute("data-quiz-fingerprint");
      } catch (e) { /* storage blocked: no marks */ }
      el.hidden = !done;
    });
  }

  document.addEventListener("quiz:status", mark);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mark);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
