// The browser display: follows the board, shows and speaks every call.
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; e.textContent = text; return e; }
  // The clock shows the office's time whatever zone the TV is set to.
  var zone = document.body.getAttribute("data-zone");
  function tick() {
    var d = new Date(), s;
    try {
      s = d.toLocaleTimeString("id-ID", { timeZone: zone, hour: "2-digit", minute: "2-digit", hour12: false });
    } catch (x) {
      function two(n) { return (n < 10 ? "0" : "") + n; }
      s = two(d.getHours()) + "." + two(d.getMinutes());
    }
    $("time").textContent = s.replace(":", ".");
  }
  tick();
  setInterval(tick, 10000);
  function board(b) {
    $("office").textContent = b.office;
    if (b.latest) {
      $("latest-number").textContent = b.latest.number;
      $("latest-counter").textContent = "Silakan ke Loket " + b.latest.counter;
    }
    var r = $("recent");
    r.textContent = "";
    (b.recent || []).forEach(function (c) {
      var li = document.createElement("li");
      li.appendChild(el("span", "n", c.number));
      li.appendChild(el("span", "c", "Loket " + c.counter));
      r.appendChild(li);
    });
    var u = $("counts");
    u.textContent = "";
    (b.counts || []).forEach(function (c) {
      var li = document.createElement("li");
      li.appendChild(el("span", "p", c.prefix));
      li.appendChild(el("span", "s", c.service));
      li.appendChild(el("span", "w", String(c.waiting)));
      u.appendChild(li);
    });
    $("total").textContent = b.total;
    if ($("running").textContent !== b.running) $("running").textContent = b.running;
  }
  var sound = $("sound");
  LoketSound.onChange(function (on) { sound.hidden = on; });
  sound.addEventListener("click", function () { LoketSound.unlock(); });
  LoketSound.unlock(); // a TV browser that allows autoplay needs no press
  var es = new EventSource("/layar/events");
  es.addEventListener("board", function (e) { board(JSON.parse(e.data)); });
  es.addEventListener("call", function (e) {
    var c = JSON.parse(e.data);
    document.body.setAttribute("data-call", c.number + "@" + c.counter);
    $("latest-number").textContent = c.number;
    $("latest-counter").textContent = "Silakan ke Loket " + c.counter;
    var now = document.querySelector(".now");
    now.classList.remove("flash");
    void now.offsetWidth; // restart the animation
    now.classList.add("flash");
    LoketSound.play(c.clips);
  });
  es.addEventListener("end", function () { es.close(); location.reload(); });
})();
