// The static snapshot's chart slots (components/snapshot.py inlines this in each page): a slot's
// payload script is added when the slot comes within 400 px of the screen, and mounts its chart.
(function () {
  "use strict";
  function load(slot) {
    if (slot.dataset.loading) {
      return;
    }
    slot.dataset.loading = "true";
    var script = document.createElement("script");
    script.src = slot.dataset.src;
    slot.appendChild(script);
  }
  var slots = document.querySelectorAll(".dash-chart-slot");
  if (!window.IntersectionObserver) {
    slots.forEach(load);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        load(entry.target);
      }
    });
  }, { rootMargin: "400px 0px" });
  slots.forEach(function (slot) {
    observer.observe(slot);
  });
})();
