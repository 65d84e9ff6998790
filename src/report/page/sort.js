// Sorts the units' table by the column whose header is clicked (again:
// the other way), by each cell's data-sort: numbers as numbers, the rest
// as text; a blank goes last either way and ties keep the roster's order.
// Nothing changes until a header is clicked: with scripts off the page
// reads the same.
(function () {
  var table = document.getElementById("bang-don-vi");
  if (!table) { return; }
  var headers = table.tHead.rows[0].cells;
  var position = function (row) { return parseFloat(row.cells[0].getAttribute("data-sort")); };
  Array.prototype.forEach.call(headers, function (th, column) {
    th.tabIndex = 0;
    var sort = function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) { return row.cells[column].getAttribute("data-sort"); };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if ((x === "") !== (y === "")) { return x === "" ? 1 : -1; }
        var order = 0;
        if (x !== "") {
          order = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
        }
        if (order === 0) { return position(a) - position(b); }
        return ascending ? order : -order;
      });
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
})();
