/* Dutch-aware search, on top of Material's own search (lunr).
 *
 * Material's search worker puts a wildcard after every word ("relatiebreuk" → relatiebreuk*), and
 * lunr does not stem such terms, so an inflected form finds nothing: "relatiebreuken" misses the
 * page about "relatiebreuk". Material 9.8 has no page-side query transform hook any more (the
 * `__search.transform` of earlier versions), so this script rewrites the query where it leaves the
 * page: the QUERY message of the worker protocol that Material documents for custom search.
 *
 * Per word of the query:
 *  - Dutch stop words are dropped. They are not in the index (lunr's Dutch stop-word filter), but as
 *    a wildcard ("de*", "je*") they match nearly every page.
 *  - An inflection is cut off, leaving a stem that the forms of the word start with, so the
 *    worker's wildcard catches them all: relatiebreuken → relatiebreuk, vraagjes → vraag,
 *    afstemming → afstem, veiligheid → veilig, evalueren → evalu (evaluatie), gesprekken → gesprek.
 *  - Where the stem changes its spelling it looks for both: taken → tak + taak, vragen → vraag.
 *  - A loanword that Dutch writes with a hyphen is split as the index splits it: handout → hand out.
 * Compound words are split in the index and in the query alike by the search separator in
 * mkdocs.yml (werk|relatie, relatie|breuk, groep|s|gesprek), so "breuk" finds "relatiebreuk".
 * Words with search syntax (+, -, *, ~, ^, :, quotes) pass unchanged.
 *
 * It also handles the search form's submit button (see the end).
 */
(function () {
  "use strict";

  var QUERY = 2; // SearchMessageType.QUERY in Material's worker protocol
  // lunr-languages' Dutch stop words (the same list keeps them out of the index)…
  var STOP_WORDS = new Set((
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus " +
    "een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets " +
    "ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of " +
    "om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren " +
    "was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou " +
    // and a few the list lacks, which as a wildcard find the wrong words (onz* → onzeker)
    "jij jou jouw jullie onze we wij"
  ).split(" "));
  // Endings, tried in order: the first that leaves a stem of at least `min` letters is cut off.
  var ENDINGS = [
    [/(heden|heid)$/, 3],                   // veiligheid, mogelijkheden → veilig, mogelijk
    [/ische?$/, 3],                         // empathisch, therapeutische → empath, therapeut
    [/((?<!rel)aties?|eren)$/, 5],          // evaluatie, evalueren → evalu; confrontaties → confront
    [/(e?tjes?|(?<=m)pjes?|jes?)$/, 3],     // diminutives: balletje, praatje, boompje, vraagje
    [/(ingen|ing)$/, 3],                    // afstemming, ervaringen → afstemm, ervar
    [/((?<=ib)(el|iliteit)|ief|iviteit)$/, 3], // flexibel, flexibiliteit → flexib; effectief
    [/ies?$/, 4],                           // relatie(s), transparantie → relat, transparant
    [/(en|e|s|te|de|d|(?<![nchs])t)$/, 3],  // plurals, adjectives, verb forms (not moment, lijst)
  ];
  // Loanwords Dutch writes with a hyphen, which the index holds as two words (hand-out).
  var HYPHENATED = { handout: "hand out", email: "e mail", elearning: "e learning" };
  var SYNTAX = /^[+-]|[*~^:"]/;
  var CONSONANT = "[b-df-hj-np-tv-z]";
  var DOUBLE_CONSONANT = new RegExp("(" + CONSONANT + ")\\1$");
  // An open syllable lost its long vowel: tak(en) → taak, vrag(en) → vraag (not the -el/-er of
  // behandel(en), whose e is unstressed).
  var SHORTENED = new RegExp("(^|[^aeiou])([aou]|e(?![lmnr]$))" + CONSONANT + "$");

  /* The search terms for one word: stems that its inflected forms start with. */
  function stems(word) {
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = word.match(ENDINGS[i][0]);
      var stem = ending && word.slice(0, ending.index);
      if (!ending || stem.length < ENDINGS[i][1]) continue;
      if (DOUBLE_CONSONANT.test(stem)) return [stem.slice(0, -1)];   // gesprekk(en) → gesprek
      if (/[vz]$/.test(stem) && stem.length > 3) return [stem.slice(0, -1)]; // briev(en) → brie(f)
      if (/^(en|e)$/.test(ending[0]) && SHORTENED.test(stem)) {
        return [stem, stem.replace(/([aeou])(.)$/, "$1$1$2")];       // tak(en) → tak, taak
      }
      return [stem];
    }
    return [word];
  }

  /* The query as the worker should see it. */
  function transform(query) {
    var terms = [];
    query.trim().split(/\s+/).forEach(function (part) {
      if (SYNTAX.test(part)) return terms.push(part);
      (part.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
        if (STOP_WORDS.has(word)) return;
        stems(word).forEach(function (stem) { terms.push(HYPHENATED[stem] || stem); });
      });
    });
    return terms.length ? terms.join(" ") : query;
  }

  /* The search form's submit button (overrides/partials/search.html) does what Enter does in
   * Material's search: open the best result shown (the highest data-md-score), else stay in the
   * query. The form never goes to the server. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.name !== "search") return;
    event.preventDefault();
    var best = null, top = -Infinity;
    var results = document.querySelector("[data-md-component=search-result]");
    (results ? results.querySelectorAll(":first-child [href]") : []).forEach(function (link) {  // as Material's Enter
      var score = parseFloat(link.firstElementChild && link.firstElementChild.getAttribute("data-md-score"));
      if (score > top) { top = score; best = link; }
    });
    if (best) best.click();
    else form.elements.query.focus();
  });

  window.dutchSearchQuery = transform; // for the tests
  if (typeof Worker === "undefined") return;
  // Under file:// this is the iframe-worker shim that Material's offline build uses.
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      arguments[0] = { type: QUERY, data: transform(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
