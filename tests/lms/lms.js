/* The stand-in LMS of tests/test_lms.py. An LMS keeps, per learner, what the SCO reported; here
 * that is `lms.saved()`, and `lms.launch(href, saved, inWindow)` starts the next session with it,
 * as an LMS does for a learner who comes back (entry "resume" after exit "suspend").
 * `lms.calls` records every LMSInitialize, LMSSetValue, LMSCommit and LMSFinish in order. */
(function () {
  "use strict";
  var lms = window.lms = { calls: [], api: null, popup: null };

  lms.launch = function (href, saved, masteryScore, inWindow) {
    var api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    lms.calls = [];
    var core = { student_id: "0042", student_name: "Jansen, Anna", lesson_mode: "normal", credit: "credit" };
    if (saved) {
      ["lesson_location", "lesson_status", "score", "total_time"].forEach(function (key) {
        if (saved.core[key] !== undefined) core[key] = saved.core[key];
      });
      core.entry = saved.core.exit === "suspend" ? "resume" : "";
    } else {
      core.entry = "ab-initio";
    }
    api.loadFromJSON({ core: core, suspend_data: saved ? saved.suspend_data : "",
                       student_data: { mastery_score: String(masteryScore) } }, "");
    ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
      api.on(name, function () { lms.calls.push({ call: name }); });
    });
    api.on("LMSSetValue.cmi.*", function (element, value) {
      lms.calls.push({ call: "LMSSetValue", element: element, value: String(value) });
    });
    window.API = lms.api = api;
    if (inWindow) lms.popup = window.open(href, "sco");
    else document.getElementById("sco").src = href;
  };

  // What the LMS stores for the learner: the CMI data model as it stands.
  lms.saved = function () { return lms.api.renderCMIToJSONObject().cmi; };

  // The learner leaves: the LMS takes the SCO away.
  lms.unload = function () {
    if (lms.popup) lms.popup.close();
    else document.getElementById("sco").src = "about:blank";
  };

  lms.finished = function () {
    return lms.calls.some(function (c) { return c.call === "LMSFinish"; });
  };
})();
