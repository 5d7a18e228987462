// LoketSound plays calls as the desktop display does: the same clips
// (assets/voice), one call after another. Browsers allow sound only after
// a tap; unlock() is bound to a button and remembers the outcome.
var LoketSound = (function () {
  "use strict";
  var queue = [], playing = false, enabled = false, listeners = [];
  function notify() { for (var i = 0; i < listeners.length; i++) listeners[i](enabled); }
  function clip(name) { return new Audio("/web/voice/" + encodeURIComponent(name) + ".wav"); }
  function next() {
    var clips = queue.shift();
    if (!clips) { playing = false; return; }
    playing = true;
    var i = 0;
    function one() {
      if (i >= clips.length) { next(); return; }
      var a = clip(clips[i++]);
      a.onended = one;
      a.onerror = one;
      var p = a.play();
      if (p && p.catch) p.catch(function () { if (enabled) { enabled = false; notify(); } one(); });
    }
    one();
  }
  return {
    play: function (clips) {
      if (!clips || !clips.length) return;
      document.body.setAttribute("data-played", clips.join(" "));
      queue.push(clips);
      if (!playing) next();
    },
    // unlock plays the chime quietly; the browser allows sound from then on.
    unlock: function () {
      var a = clip("chime");
      a.volume = 0.2;
      var p = a.play();
      if (p && p.then) {
        p.then(function () { enabled = true; notify(); }, function () { enabled = false; notify(); });
      } else { enabled = true; notify(); }
    },
    onChange: function (f) { listeners.push(f); },
    enabled: function () { return enabled; }
  };
})();
