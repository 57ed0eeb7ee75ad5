/*
 * Swedish search for Material for MkDocs: query-side analysis in the search worker.
 *
 * Material builds its lunr index without a stemmer and adds a wildcard to every query
 * term for type-ahead; lunr does not stem wildcard terms. So exact words and prefixes
 * work, but inflected forms ("nämnderna") and parts of compounds ("ombud") do not.
 * This script runs inside the search worker, after lunr's Swedish support is loaded
 * (the build appends it to lunr.sv.min.js), and widens every query term with:
 *
 *   - its Swedish stem, as a prefix:   nämnderna -> nämnd*      (inflected forms)
 *   - its stem anywhere in a word:     ombud     -> *ombud*     (compound parts)
 *   - its synonyms from the glossary:  gdpr      -> dataskyddsförordningen*
 *   - one edit away, for long words:   sakerhet  -> säkerhet~1  (small typos)
 *
 * The added clauses are optional and weigh less than the term itself, so exact and
 * prefix matches still rank first. Nothing is fetched: the glossary's synonyms are
 * written into the same file at build time as self.policySearchSynonyms.
 */
(function () {
  "use strict";
  var lunr = self.lunr;
  if (!lunr || !lunr.sv || lunr.Index.prototype.policySwedish) {
    return;
  }
  var synonyms = self.policySearchSynonyms || {};
  var wildcard = lunr.Query.wildcard;
  var presence = lunr.Query.presence;

  /* Snowball's Swedish stemmer removes inflection. Applied twice, a verb formed with
     -era meets its noun (rapporteras -> rapporter -> rapport); nouns formed with -ning
     meet their verb (utbildning, utbilda -> utbild). */
  function snowball(term) {
    var token = lunr.sv.stemmer(new lunr.Token(term, {}));
    return token ? token.toString() : term;
  }

  function stem(term) {
    var base = snowball(snowball(term));
    return /.{4}ning$/.test(base) ? base.slice(0, -4) : base;
  }

  /* lunr's Swedish stop words, and the modal verbs that questions are made of. */
  var moreStopWords = { ska: 1, skall: 1, kan: 1, "får": 1, "måste": 1, "bör": 1 };

  function isStopWord(term) {
    return term in moreStopWords || !lunr.sv.stopWordFilter(new lunr.Token(term, {}));
  }

  /* Index terms by stem, built once per index: the inflected forms of each word. */
  function formsByStem(index) {
    if (!index.policyForms) {
      var forms = Object.create(null);
      Object.keys(index.invertedIndex).forEach(function (word) {
        var key = stem(word);
        (forms[key] = forms[key] || []).push(word);
      });
      index.policyForms = forms;
    }
    return index.policyForms;
  }

  /* The extra clauses for one query term, each with a weight relative to the term.
     "everywhere" clauses are whole words and may match headings; the others match
     parts of words and are looked for in the text only (see below). */
  function expand(raw, index) {
    var term = String(raw).replace(/\*/g, "").toLowerCase();
    var out = [];
    if (term.length < 2 || isStopWord(term)) {
      return out;
    }
    var base = stem(term);
    if (index) {
      (formsByStem(index)[base] || []).forEach(function (form) {
        /* Forms that continue the term are found by Material's own prefix search. */
        if (form.indexOf(term) !== 0) {
          out.push({ term: form, wildcard: wildcard.NONE, boost: 0.9, kind: "böjning", everywhere: true });
        }
      });
    }
    if (base !== term && base.length >= 3 && term.indexOf(base) === 0) {
      out.push({ term: base, wildcard: wildcard.TRAILING, boost: 0.6, kind: "böjning" });
    }
    if (base.length >= 4) {
      out.push({ term: base, wildcard: wildcard.LEADING | wildcard.TRAILING, boost: 0.3, kind: "del" });
    }
    (synonyms[term] || synonyms[base] || []).forEach(function (word) {
      /* The word itself anywhere, headings included; its longer forms in the text. */
      out.push({ term: word, wildcard: wildcard.NONE, boost: 0.8, kind: "synonym", everywhere: true });
      out.push({ term: word, wildcard: wildcard.TRAILING, boost: 0.6, kind: "synonym" });
    });
    if (term.length >= 6) {
      out.push({ term: term, wildcard: wildcard.NONE, editDistance: 1, boost: 0.2, kind: "stavning",
                 everywhere: true });
    }
    return out;
  }

  /* Whether an index term is one of the forms a widened clause stands for. */
  function covers(extra, key) {
    if (extra.editDistance) {
      return withinOneEdit(extra.term, key);
    }
    if (extra.wildcard & wildcard.LEADING) {
      return key.indexOf(extra.term) !== -1;
    }
    return key.indexOf(extra.term) === 0;
  }

  function withinOneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) {
      return false;
    }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
      i++;
    }
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) ||
      a.slice(i + 1) === b.slice(i);
  }

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    var index = this;
    var widened = [];
    var results = query.call(this, function (q) {
      build.call(this, q);
      /* A question ("hur ofta ska ...") is mostly function words: they would match
         everywhere, so they are dropped, unless nothing else is left. */
      var meaningful = q.clauses.filter(function (clause) {
        return !isStopWord(String(clause.term).replace(/\*/g, "").toLowerCase());
      });
      q.clauses.filter(function (clause) { return meaningful.indexOf(clause) === -1; })
        .forEach(function (clause) {
          widened.push({ term: String(clause.term).replace(/\*/g, "").toLowerCase(), extras: [], stop: true });
        });
      if (meaningful.length) {
        q.clauses = meaningful;
      }
      q.clauses.slice().forEach(function (clause) {
        if (clause.presence === presence.PROHIBITED) {
          return;
        }
        var extras = expand(clause.term, index);
        widened.push({ term: String(clause.term).replace(/\*/g, "").toLowerCase(), extras: extras });
        extras.forEach(function (extra) {
          /* Parts and prefixes are looked for in the text only. lunr scores each field
             against the query's terms for that field, normalised by their weight: a
             heading that only shares a prefix or a part with the term ("Informations-
             säkerhetspolicy" for "informationssäkerheten") would score as if it were the
             term itself, and headings weigh a thousand times the text in Material. */
          var textOnly = !extra.everywhere && clause.fields.indexOf("text") !== -1;
          var added = {
            term: extra.term,
            fields: textOnly ? ["text"] : clause.fields,
            boost: (clause.boost || 1) * extra.boost,
            wildcard: extra.wildcard,
            usePipeline: false,
            presence: presence.OPTIONAL,
          };
          /* lunr treats any editDistance, even 0, as fuzzy: the wildcard would be literal. */
          if (extra.editDistance) {
            added.editDistance = extra.editDistance;
          }
          q.clause(added);
        });
      });
    });
    /* Material lists a query term as missing ("Saknas") unless an index term found in the
       result starts with it. A term found through one of its forms is not missing: say so
       with an empty entry, which adds no highlight of its own. */
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var keys = Object.keys(metadata);
      widened.forEach(function (item) {
        var found = keys.some(function (key) { return key.indexOf(item.term) === 0; });
        var viaForm = keys.some(function (key) {
          return item.extras.some(function (extra) { return covers(extra, key); });
        });
        if (!found && (viaForm || item.stop)) {
          metadata[item.term] = {};
        }
      });
    });
    return results;
  };
  lunr.Index.prototype.policySwedish = true;
  /* For tests and for anyone curious: what a term is widened to, its stem, and whether the
     search passes it over as a stop word. */
  self.policySearch = { expand: function (term) { return expand(term); }, stem: stem, isStopWord: isStopWord };
})();
