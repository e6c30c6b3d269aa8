// The header's menus as disclosures: a button shows or hides its list of links; on a phone,
// folds marked data-fold-on-phone start closed.
// Loaded in <head>, so the page is marked as scripted before it is first drawn: the stylesheet
// keeps every list open on pages without this script.
document.documentElement.classList.add("js");

(function () {
  "use strict";

  function controlled(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function isOpen(button) {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function start(nav) {
    var toggle = nav.querySelector(".nav-toggle");
    var menuButtons = Array.prototype.slice.call(nav.querySelectorAll(".nav-menu-button"));
    var buttons = menuButtons.concat(toggle ? [toggle] : []);

    function closeMenus(except) {
      menuButtons.forEach(function (button) {
        if (button !== except) {
          setOpen(button, false);
        }
      });
    }

    function closeAll() {
      buttons.forEach(function (button) {
        setOpen(button, false);
      });
    }

    buttons.forEach(function (button) {
      setOpen(button, false);
      button.addEventListener("click", function () {
        var open = !isOpen(button);
        if (button !== toggle) {
          closeMenus(button); // one menu at a time, as the lists overlap on a wide screen
        }
        setOpen(button, open);
      });
    });

    // Escape closes the innermost open list around the focus and puts the focus on its button.
    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") {
        return;
      }
      var target = event.target;
      var open = buttons.filter(function (button) {
        return isOpen(button) && (button === target || controlled(button).contains(target));
      });
      // The phone's toggle comes last in `buttons`: a menu inside it closes first.
      var button = open[0];
      if (button) {
        setOpen(button, false);
        button.focus();
        event.preventDefault();
      }
    });

    // Tabbing past a menu closes it, so an open list never hides the next one.
    nav.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (!next) {
        return; // focus left the page, or a click: the click handler below decides
      }
      menuButtons.forEach(function (button) {
        if (isOpen(button) && !button.parentNode.contains(next)) {
          setOpen(button, false);
        }
      });
      if (toggle && !nav.contains(next)) {
        setOpen(toggle, false);
      }
    });

    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) {
        closeAll();
      }
    });
  }

  // A phone's width, as in style.css: there a long form would push the page out of sight.
  var PHONE = "(max-width: 40rem)";

  // Folds the server renders open (for wide screens, and for pages without this script) start
  // closed on a phone; the reader opens them with their summary.
  function foldOnPhone() {
    if (!window.matchMedia || !window.matchMedia(PHONE).matches) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("details[data-fold-on-phone]"), function (fold) {
      fold.open = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldOnPhone();
    var nav = document.querySelector(".site-nav");
    if (nav) {
      start(nav);
    }
  });
})();
