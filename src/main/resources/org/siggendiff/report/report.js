// The report's only script. It reads the JSON blocks of the page and builds every element with
// textContent, never markup from data, so crash text stays text. It renders a page of rows at a
// time, so tens of thousands of crashes open and filter without freezing the page.
(function () {
  'use strict';
  var started = performance.now();
  var PAGE = 100;
  var root = document.documentElement;

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function safeLink(url) {
    return typeof url === 'string' && (url.indexOf('https://') === 0 || url.indexOf('http://') === 0) ? url : null;
  }

  function params() {
    var found = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var at = part.indexOf('=');
      if (at > 0) {
        try {
          found[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
        } catch (e) {
          // A hash that is not percent-encoded text is ignored.
        }
      }
    });
    return found;
  }

  // A table over an array of rows: text filter, sort by a column, pages of PAGE rows. Until a
  // column is chosen, rows come by options.rank (lowest first), then in their own order.
  function Table(container, columns, rows, options) {
    this.columns = columns;
    this.rows = rows;
    this.options = options || {};
    this.order = rows.map(function (row, i) { return i; });
    this.sort = null;
    this.direction = 1;
    this.page = 0;
    this.query = '';
    this.open = {};
    var self = this;
    var controls = el('div', 'controls');
    this.input = el('input');
    this.input.type = 'search';
    this.input.placeholder = 'Filter by text';
    this.input.setAttribute('aria-label', 'Filter');
    var timer = null;
    this.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.filter(self.input.value); }, 120);
    });
    this.count = el('span', 'count');
    var pager = el('span', 'pager');
    this.previous = el('button', null, '\u2190 previous');
    this.next = el('button', null, 'next \u2192');
    this.position = el('span');
    this.previous.addEventListener('click', function () { self.go(self.page - 1); });
    this.next.addEventListener('click', function () { self.go(self.page + 1); });
    pager.appendChild(this.previous);
    pager.appendChild(this.position);
    pager.appendChild(this.next);
    controls.appendChild(this.input);
    controls.appendChild(this.count);
    controls.appendChild(pager);
    var table = el('table');
    var head = el('thead');
    var tr = el('tr');
    columns.forEach(function (column) {
      var th = el('th', 'sortable' + (column.numeric ? ' num' : ''), column.title);
      th.addEventListener('click', function () { self.sortBy(column, th); });
      tr.appendChild(th);
    });
    head.appendChild(tr);
    this.headers = tr;
    this.body = el('tbody');
    table.appendChild(head);
    table.appendChild(this.body);
    container.appendChild(controls);
    container.appendChild(table);
    this.sorted();
  }

  Table.prototype.text = function (row) {
    if (row.searchText === undefined) {
      row.searchText = this.columns.map(function (column) { return column.text(row); }).join('\n').toLowerCase();
    }
    return row.searchText;
  };

  Table.prototype.filter = function (query) {
    var begun = performance.now();
    this.query = query.toLowerCase();
    var self = this;
    var order = [];
    for (var i = 0; i < this.rows.length; i++) {
      if (!this.query || this.text(this.rows[i]).indexOf(this.query) >= 0) {
        order.push(i);
      }
    }
    this.order = order;
    this.sorted();
    this.page = 0;
    this.render();
    root.setAttribute('data-filter-ms', String(Math.round(performance.now() - begun)));
    root.setAttribute('data-filter-matches', String(order.length));
    return self;
  };

  Table.prototype.sortBy = function (column, th) {
    this.direction = this.sort === column ? -this.direction : (column.numeric ? -1 : 1);
    this.sort = column;
    Array.prototype.forEach.call(this.headers.children, function (cell) { cell.classList.remove('sorted-up', 'sorted-down'); });
    th.classList.add(this.direction > 0 ? 'sorted-up' : 'sorted-down');
    this.sorted();
    this.page = 0;
    this.render();
  };

  Table.prototype.sorted = function () {
    var rows = this.rows;
    var rank = this.options.rank;
    if (!this.sort) {
      if (rank) {
        // Rows of each rank in their own order: a bucket per rank, not a sort.
        var buckets = [];
        this.order.forEach(function (i) {
          var r = rank(rows[i]);
          (buckets[r] = buckets[r] || []).push(i);
        });
        this.order = [].concat.apply([], buckets.filter(Boolean));
      }
      return;
    }
    var column = this.sort;
    var direction = this.direction;
    var keys = {};
    this.order.forEach(function (i) { keys[i] = column.key(rows[i]); });
    this.order.sort(function (a, b) {
      var x = keys[a];
      var y = keys[b];
      return (x < y ? -1 : x > y ? 1 : a - b) * direction;
    });
  };

  Table.prototype.go = function (page) {
    var pages = Math.max(1, Math.ceil(this.order.length / PAGE));
    this.page = Math.min(Math.max(page, 0), pages - 1);
    this.render();
  };

  Table.prototype.render = function () {
    var self = this;
    this.body.textContent = '';
    var first = this.page * PAGE;
    var shown = this.order.slice(first, first + PAGE);
    shown.forEach(function (i) {
      var row = self.rows[i];
      var tr = el('tr', self.options.rowClass ? self.options.rowClass(row) : null);
      self.columns.forEach(function (column) {
        var td = el('td', column.numeric ? 'num' : null);
        column.cell(td, row);
        tr.appendChild(td);
      });
      self.body.appendChild(tr);
      if (self.options.detail && self.options.detail.has(row)) {
        tr.addEventListener('click', function (event) {
          if (event.target.tagName !== 'A') {
            self.toggle(i);
          }
        });
        if (self.open[i]) {
          var detail = self.detailRow(row);
          detail.id = 'detail-' + i;
          self.body.appendChild(detail);
        }
      }
    });
    var pages = Math.max(1, Math.ceil(this.order.length / PAGE));
    var noun = this.rows.length === 1 ? ' row' : ' rows';
    this.count.textContent = this.order.length + (this.order.length === this.rows.length ? noun : ' of ' + this.rows.length + noun);
    this.position.textContent = 'page ' + (this.page + 1) + ' of ' + pages;
    this.previous.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
  };

  Table.prototype.detailRow = function (row) {
    var tr = el('tr', 'detail');
    var td = el('td');
    td.colSpan = this.columns.length;
    this.options.detail.build(td, row);
    tr.appendChild(td);
    return tr;
  };

  Table.prototype.toggle = function (i) {
    this.open[i] = !this.open[i];
    this.render();
  };

  // Shows index i: the page it is on, with its detail open.
  Table.prototype.reveal = function (i) {
    var at = this.order.indexOf(i);
    if (at < 0) {
      return false;
    }
    this.open[i] = true;
    this.page = Math.floor(at / PAGE);
    this.render();
    return true;
  };

  function textColumn(title, get) {
    return {
      title: title,
      text: function (row) { var v = get(row); return v === null || v === undefined ? '' : String(v); },
      key: function (row) { var v = get(row); return v === null || v === undefined ? '' : String(v); },
      cell: function (td, row) {
        var v = get(row);
        td.className = 'text';
        td.textContent = v === null || v === undefined ? '' : String(v);
      }
    };
  }

  function numberColumn(title, get) {
    return {
      title: title,
      numeric: true,
      text: function (row) { return String(get(row)); },
      key: function (row) { return Number(get(row)); },
      cell: function (td, row) { td.textContent = String(get(row)); }
    };
  }

  function stack(td, row) {
    if (row.cause) {
      td.appendChild(el('div', null, 'Cause:'));
      var list = el('ul', 'cause');
      row.cause.forEach(function (line) { list.appendChild(el('li', null, line)); });
      td.appendChild(list);
    }
    var data = row.stack;
    if (!data) {
      td.appendChild(el('p', 'note', 'No stack for this crash in the report: siggen-diff explain ' + row.id + ' shows it.'));
      return;
    }
    if (data.stored) {
      td.appendChild(el('p', 'note', 'The baseline is the signature Crash Stats stored; only the candidate walk is known.'));
    }
    data.walks.forEach(function (walk) {
      td.appendChild(el('div', 'walk-name', walk.name + (walk.failure ? ' (failed: ' + walk.failure + ')' : '')));
      var table = el('table', 'stack');
      var head = el('tr');
      ['#', 'baseline frame', 'baseline role', 'candidate frame', 'candidate role'].forEach(function (title) {
        head.appendChild(el('th', null, title));
      });
      table.appendChild(head);
      walk.frames.forEach(function (frame) {
        var tr = el('tr', frame[7] ? 'changed' : null);
        tr.appendChild(el('td', 'num', frame[0]));
        [1, 4].forEach(function (at) {
          tr.appendChild(el('td', null, frame[at] === null ? '' : frame[at]));
          var role = el('td', null, frame[at + 1] === null ? '' : frame[at + 1]);
          if (frame[at + 2]) {
            role.appendChild(el('span', 'lines', frame[at + 2]));
          }
          tr.appendChild(role);
        });
        table.appendChild(tr);
      });
      td.appendChild(table);
      if (walk.more > 0) {
        td.appendChild(el('p', 'note', walk.more + ' more frames, not reached on either side, are not shown.'));
      }
    });
    if (data.rules.length) {
      var rules = el('ul');
      data.rules.forEach(function (rule) { rules.appendChild(el('li', null, rule)); });
      td.appendChild(el('div', null, 'Rules after the walk:'));
      td.appendChild(rules);
    }
  }

  var meta = read('report-meta') || {};
  var crashes = read('crash-data') || [];
  var transitions = read('transition-data') || [];

  var crashColumns = [{
    title: 'crash',
    text: function (row) { return row.id; },
    key: function (row) { return row.id; },
    cell: function (td, row) {
      td.className = 'id';
      var link = safeLink(row.link);
      if (link) {
        var a = el('a', null, row.id);
        a.href = link;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        td.appendChild(a);
      } else {
        td.textContent = row.id;
      }
    }
  }];
  if (meta.production) {
    crashColumns.push(textColumn('production', function (row) { return row.production; }));
  }
  crashColumns.push(textColumn('baseline', function (row) { return row.error ? 'error: ' + row.error : row.baseline; }));
  crashColumns.push(textColumn('candidate', function (row) { return row.candidate; }));
  if (meta.same) {
    crashColumns.push(textColumn('same', function (row) { return row.error ? '' : row.same ? 'yes' : 'no'; }));
  }
  if (meta.cause) {
    crashColumns.push(textColumn('cause', function (row) { return row.cause ? row.cause.join('\n') : ''; }));
  }

  var crashTable = new Table(document.getElementById('crash-table'), crashColumns, crashes, {
    rowClass: function (row) {
      return 'crash' + (row.error ? ' error' : row.same ? '' : ' changed') + (row.cause ? ' has-stack' : '');
    },
    // Changed crashes first, then the failed, then the unchanged: what a reviewer looks for.
    rank: function (row) { return row.error ? 1 : row.same ? 2 : 0; },
    detail: { has: function (row) { return !!row.cause; }, build: stack }
  });
  var transitionTable = new Table(document.getElementById('transition-table'), [
    numberColumn('crashes', function (row) { return row.crashes; }),
    textColumn('baseline', function (row) { return row.baseline; }),
    textColumn('candidate', function (row) { return row.candidate; })
  ], transitions);

  var asked = params();
  if (asked.filter) {
    crashTable.input.value = asked.filter;
    crashTable.filter(asked.filter);
  } else {
    crashTable.render();
  }
  transitionTable.render();
  if (asked.open) {
    for (var i = 0; i < crashes.length; i++) {
      if (crashes[i].id === asked.open) {
        crashTable.reveal(i);
        break;
      }
    }
  }
  root.setAttribute('data-rows', String(crashes.length));
  root.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  root.setAttribute('data-ready', 'yes');
}());
