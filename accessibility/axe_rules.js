/* wagtail-pressroom: axe-core rules for problems only computed style shows. Appended to
   axe.min.js, so they run in the same pass as axe's own rules and report in its format. Their
   messages are in English or German: axe.py sets window.pressroomAxeLanguage ("de"/"en") from
   the audit's language (--language). */
(function () {
  "use strict";
  if (typeof window.axe !== "object") { return; }

  var TEXTS = {
    en: {
      "focus-look": ["The element looks different when it has the keyboard focus",
        "The element looks the same with and without keyboard focus (outline removed without a replacement)",
        "The element could not be focused to compare its look"],
      "text-size": ["The text is 12 px or larger", "The text is %s px, smaller than 12 px"],
      "not-justified": ["The text is not justified",
        "The text is justified: uneven gaps between words make it hard to read"],
      "not-all-caps": ["The text is not set in capitals by style",
        "A passage of five or more words is set in capitals (text-transform: uppercase)"],
      "not-animated": ["The image is not in an animated format", "The image is animated",
        "The image is a GIF or APNG: if it moves for more than five seconds, it needs a way to stop it"],
      "rule-focus-visible": ["Ensures every focusable element shows where the keyboard focus is",
        "Focus must be visible: do not remove the outline without a replacement"],
      "rule-text-size": ["Ensures text is not set below 12 px", "Text must not be smaller than 12 px"],
      "rule-justified": ["Ensures text is not justified", "Text must not be justified (WCAG 1.4.8, AAA)"],
      "rule-all-caps": ["Ensures passages are not set in capitals by style",
        "Passages must not be set in capitals"],
      "rule-animated": ["Finds animated images, which need a way to pause them",
        "Moving images that play longer than five seconds need a way to pause them"]
    },
    de: {
      "focus-look": ["Das Element sieht mit Tastaturfokus anders aus",
        "Das Element sieht mit und ohne Tastaturfokus gleich aus (Fokusrahmen ohne Ersatz entfernt)",
        "Das Element ließ sich nicht fokussieren, um sein Aussehen zu vergleichen"],
      "text-size": ["Der Text ist 12 px groß oder größer", "Der Text ist %s px groß, kleiner als 12 px"],
      "not-justified": ["Der Text steht nicht im Blocksatz",
        "Der Text steht im Blocksatz: ungleiche Wortabstände erschweren das Lesen"],
      "not-all-caps": ["Der Text ist nicht per Stil in Großbuchstaben gesetzt",
        "Eine Passage von fünf oder mehr Wörtern ist in Großbuchstaben gesetzt (text-transform: uppercase)"],
      "not-animated": ["Das Bild ist in keinem animierten Format", "Das Bild ist animiert",
        "Das Bild ist ein GIF oder APNG: bewegt es sich länger als fünf Sekunden, braucht es eine Möglichkeit, es anzuhalten"],
      "rule-focus-visible": ["Stellt sicher, dass jedes fokussierbare Element zeigt, wo der Tastaturfokus ist",
        "Der Fokus muss sichtbar sein: den Fokusrahmen nicht ohne Ersatz entfernen"],
      "rule-text-size": ["Stellt sicher, dass Text nicht kleiner als 12 px gesetzt ist",
        "Text darf nicht kleiner als 12 px sein"],
      "rule-justified": ["Stellt sicher, dass Text nicht im Blocksatz steht",
        "Text darf nicht im Blocksatz stehen (WCAG 1.4.8, AAA)"],
      "rule-all-caps": ["Stellt sicher, dass Passagen nicht per Stil in Großbuchstaben stehen",
        "Passagen dürfen nicht in Großbuchstaben gesetzt sein"],
      "rule-animated": ["Findet animierte Bilder, die eine Möglichkeit zum Anhalten brauchen",
        "Bewegte Bilder, die länger als fünf Sekunden laufen, brauchen eine Möglichkeit zum Anhalten"]
    }
  };
  var texts = TEXTS[window.pressroomAxeLanguage] || TEXTS.en;

  function checkMessages(key) {
    var text = texts[key];
    var messages = { pass: text[0], fail: text[1] };
    if (text.length > 2) { messages.incomplete = text[2]; }
    return messages;
  }

  function ruleMetadata(key) {
    return { description: texts[key][0], help: texts[key][1] };
  }

  function ownText(node) {
    var text = "";
    for (var i = 0; i < node.childNodes.length; i++) {
      if (node.childNodes[i].nodeType === 3) { text += node.childNodes[i].nodeValue; }
    }
    return text.replace(/\s+/g, " ").trim();
  }

  function hasReadableText(node) {
    return /[A-Za-zÀ-ÿ]{2}/.test(ownText(node)) && axe.commons.dom.isVisibleOnScreen(node);
  }

  function focusLook(node) {
    var style = window.getComputedStyle(node);
    return [style.outlineStyle === "none" ? "0px" : style.outlineWidth, style.outlineColor,
      style.boxShadow, style.borderTopColor, style.borderBottomWidth, style.backgroundColor,
      style.color, style.textDecorationLine].join("|");
  }

  axe.configure({
    checks: [
      {
        id: "pressroom-focus-changes-look",
        evaluate: function (node) {
          var before = focusLook(node);
          var active = document.activeElement;
          node.focus({ preventScroll: true });
          if (document.activeElement !== node) { return undefined; }
          var focused = focusLook(node);
          node.blur();
          if (active && active.focus) { active.focus({ preventScroll: true }); }
          return focused !== before;
        },
        metadata: {
          impact: "serious",
          messages: checkMessages("focus-look")
        }
      },
      {
        id: "pressroom-text-size",
        evaluate: function (node) {
          var size = parseFloat(window.getComputedStyle(node).fontSize);
          this.data({ size: size });
          return size >= 12;
        },
        metadata: {
          impact: "moderate",
          messages: {
            pass: texts["text-size"][0],
            fail: function (result) { return texts["text-size"][1].replace("%s", result.data.size); }
          }
        }
      },
      {
        id: "pressroom-not-justified",
        evaluate: function (node) {
          return window.getComputedStyle(node).textAlign !== "justify";
        },
        metadata: {
          impact: "minor",
          messages: checkMessages("not-justified")
        }
      },
      {
        id: "pressroom-not-all-caps",
        evaluate: function (node) {
          var words = ownText(node).split(" ").length;
          return window.getComputedStyle(node).textTransform !== "uppercase" || words < 5;
        },
        metadata: {
          impact: "minor",
          messages: checkMessages("not-all-caps")
        }
      },
      {
        id: "pressroom-no-animated-image",
        evaluate: function (node) {
          return !/\.(gif|apng)(\?|#|$)/i.test(node.currentSrc || node.src || "") ? true : undefined;
        },
        metadata: {
          impact: "serious",
          messages: checkMessages("not-animated")
        }
      }
    ],
    rules: [
      {
        id: "pressroom-focus-visible",
        selector: "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])",
        matches: function (node) { return axe.commons.dom.isVisibleOnScreen(node) && !node.disabled; },
        tags: ["cat.keyboard", "wcag2aa", "wcag247", "pressroom"],
        any: ["pressroom-focus-changes-look"],
        metadata: ruleMetadata("rule-focus-visible")
      },
      {
        id: "pressroom-text-size",
        selector: "body *",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-text-size"],
        metadata: ruleMetadata("rule-text-size")
      },
      {
        id: "pressroom-justified-text",
        selector: "p, li, dd, td, blockquote, div",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-not-justified"],
        metadata: ruleMetadata("rule-justified")
      },
      {
        id: "pressroom-all-caps",
        selector: "body *",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-not-all-caps"],
        metadata: ruleMetadata("rule-all-caps")
      },
      {
        id: "pressroom-animated-image",
        selector: "img",
        matches: function (node) { return axe.commons.dom.isVisibleOnScreen(node); },
        tags: ["cat.sensory-and-visual-cues", "wcag2a", "wcag222", "pressroom"],
        all: ["pressroom-no-animated-image"],
        metadata: ruleMetadata("rule-animated")
      }
    ]
  });
})();
