/* wagtail-pressroom: axe-core rules for problems only computed style shows. Appended to
   axe.min.js, so they run in the same pass as axe's own rules and report in its format. */
(function () {
  "use strict";
  if (typeof window.axe !== "object") { return; }

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
          messages: {
            pass: "The element looks different when it has the keyboard focus",
            fail: "The element looks the same with and without keyboard focus (outline removed without a replacement)",
            incomplete: "The element could not be focused to compare its look"
          }
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
            pass: "The text is 12 px or larger",
            fail: function (result) { return "The text is " + result.data.size + " px, smaller than 12 px"; }
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
          messages: {
            pass: "The text is not justified",
            fail: "The text is justified: uneven gaps between words make it hard to read"
          }
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
          messages: {
            pass: "The text is not set in capitals by style",
            fail: "A passage of five or more words is set in capitals (text-transform: uppercase)"
          }
        }
      },
      {
        id: "pressroom-no-animated-image",
        evaluate: function (node) {
          return !/\.(gif|apng)(\?|#|$)/i.test(node.currentSrc || node.src || "") ? true : undefined;
        },
        metadata: {
          impact: "serious",
          messages: {
            pass: "The image is not in an animated format",
            fail: "The image is animated",
            incomplete: "The image is a GIF or APNG: if it moves for more than five seconds, it needs a way to stop it"
          }
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
        metadata: {
          description: "Ensures every focusable element shows where the keyboard focus is",
          help: "Focus must be visible: do not remove the outline without a replacement"
        }
      },
      {
        id: "pressroom-text-size",
        selector: "body *",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-text-size"],
        metadata: {
          description: "Ensures text is not set below 12 px",
          help: "Text must not be smaller than 12 px"
        }
      },
      {
        id: "pressroom-justified-text",
        selector: "p, li, dd, td, blockquote, div",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-not-justified"],
        metadata: {
          description: "Ensures text is not justified",
          help: "Text must not be justified (WCAG 1.4.8, AAA)"
        }
      },
      {
        id: "pressroom-all-caps",
        selector: "body *",
        matches: hasReadableText,
        tags: ["cat.text", "best-practice", "pressroom"],
        all: ["pressroom-not-all-caps"],
        metadata: {
          description: "Ensures passages are not set in capitals by style",
          help: "Passages must not be set in capitals"
        }
      },
      {
        id: "pressroom-animated-image",
        selector: "img",
        matches: function (node) { return axe.commons.dom.isVisibleOnScreen(node); },
        tags: ["cat.sensory-and-visual-cues", "wcag2a", "wcag222", "pressroom"],
        all: ["pressroom-no-animated-image"],
        metadata: {
          description: "Finds animated images, which need a way to pause them",
          help: "Moving images that play longer than five seconds need a way to pause them"
        }
      }
    ]
  });
})();
