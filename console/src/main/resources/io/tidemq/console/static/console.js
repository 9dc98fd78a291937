'use strict';
// The console's pages: each route fetches the JSON API and renders with DOM calls (text, never HTML strings,
// so names and bodies from the cluster cannot inject markup). No framework, nothing fetched from the network.

const page = document.getElementById('page');

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick' || k === 'onsubmit' || k === 'onchange') { el[k] = v; }
    else if (v !== undefined && v !== null && v !== false) { el.setAttribute(k, v === true ? '' : v); }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) { continue; }
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const q = params ? '?' + new URLSearchParams(params) : '';
  const r = await fetch('/api/' + path + q, { credentials: 'same-origin' });
  if (r.status === 401) { location.href = '/login.html'; throw new Error('log in first'); }
  const body = await r.json();
  if (!r.ok) { throw new Error(body.error || ('HTTP ' + r.status)); }
  return body;
}

async function post(path, data) {
  const r = await fetch('/api/' + path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data)
  });
  const body = await r.json();
  if (!r.ok) { throw new Error(body.error || ('HTTP ' + r.status)); }
  return body;
}

function time(ms) {
  if (!ms || ms <= 0) { return ''; }
  const d = new Date(Number(ms));
  const p = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':'
    + p(d.getMinutes()) + ':' + p(d.getSeconds());
}

function localInput(ms) {
  const d = new Date(ms - new Date().getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

function table(id, columns, rows, empty) {
  if (!rows.length) { return h('p', { id: id + '-empty', class: 'muted' }, empty || 'Nothing to show.'); }
  return h('table', { id },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : null }, c.title)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => {
      const v = c.render ? c.render(r) : r[c.key];
      return h('td', { class: c.num ? 'num' : null, 'data-col': c.key || c.title }, v);
    })))));
}

function badge(text) { return h('span', { class: 'badge ' + text }, text); }

function link(href, text) { return h('a', { href }, text); }

function show(title, ...content) {
  // replaceChildren would turn a null into the text "null"
  page.replaceChildren(h('h1', {}, title), ...content.filter(c => c !== null && c !== undefined));
  page.dataset.state = 'ready';
}

function fail(e) {
  page.replaceChildren(h('h1', {}, 'Error'), h('p', { class: 'error', id: 'error' }, e.message));
  page.dataset.state = 'error';
}

function resultLine(id) { return h('div', { id, class: 'result' }); }

function report(el, text, ok) {
  el.replaceChildren(h('span', { class: ok ? 'ok' : 'error' }, text));
}

function field(label, input) { return h('label', {}, label, input); }

// ------------------------------------------------------------------ pages

const pages = {
  async cluster() {
    const c = await api('cluster');
    const down = c.brokers.filter(b => b.status !== 'UP');
    show('Cluster',
      down.length ? h('div', { class: 'banner', id: 'down-banner' },
        down.length + ' broker(s) not answering: ' + down.map(b => b.brokerName + ' ' + b.address + ' ('
          + b.status + ': ' + b.error + ')').join('; ')) : null,
      table('brokers', [
        { title: 'Cluster', key: 'cluster' },
        { title: 'Broker', key: 'brokerName' },
        { title: 'Id', key: 'brokerId', num: true },
        { title: 'Role', render: b => badge(b.role) },
        { title: 'Address', key: 'address' },
        { title: 'Status', render: b => badge(b.status) },
        { title: 'Version', key: 'version' },
        { title: 'Put TPS', key: 'putTps', num: true },
        { title: 'Get TPS', key: 'getTps', num: true },
        { title: 'Disk used', render: b => b.diskRatio ? (Number(b.diskRatio) * 100).toFixed(1) + ' %' : '' },
        { title: 'Disk', key: 'diskCapacity' },
        { title: 'Puts today', key: 'msgPutTotalTodayNow', num: true },
        { title: 'Gets today', key: 'msgGetTotalTodayNow', num: true },
        { title: 'Booted', render: b => time(b.bootTimestamp) }
      ], c.brokers, 'No broker is registered with the NameServer.'));
  },

  async topics() {
    const rows = await api('topics');
    const out = resultLine('topic-result');
    const form = h('form', { class: 'inline', id: 'create-topic', onsubmit: async ev => {
      ev.preventDefault();
      const f = ev.target;
      try {
        const r = await post('topic', { topic: f.topic.value, readQueueNums: f.read.value,
          writeQueueNums: f.write.value, perm: f.perm.value, cluster: f.cluster.value });
        report(out, 'Topic ' + r.topic + ' created or updated on ' + r.brokers.join(', '), true);
        setTimeout(route, 600);
      } catch (e) { report(out, e.message, false); }
    } },
      field('Topic', h('input', { name: 'topic', id: 'new-topic', required: true })),
      field('Read queues', h('input', { name: 'read', type: 'number', value: 8, min: 1 })),
      field('Write queues', h('input', { name: 'write', type: 'number', value: 8, min: 1 })),
      field('Permission', h('select', { name: 'perm' }, h('option', { value: 6 }, 'read/write (6)'),
        h('option', { value: 4 }, 'read only (4)'), h('option', { value: 2 }, 'write only (2)'))),
      field('Cluster (empty: the first)', h('input', { name: 'cluster' })),
      h('button', { type: 'submit', id: 'create-topic-submit' }, 'Create or update'));
    const kinds = ['NORMAL', 'RETRY', 'DLQ', 'SYSTEM'];
    const filter = h('select', { id: 'topic-kind', onchange: () => render() },
      kinds.map(k => h('option', { value: k }, k)), h('option', { value: '' }, 'all'));
    const holder = h('div', {});
    function render() {
      const k = filter.value;
      holder.replaceChildren(table('topics-table', [
        { title: 'Topic', render: t => link('#/topic/' + encodeURIComponent(t.topic), t.topic) },
        { title: 'Kind', key: 'kind' }
      ], rows.filter(t => !k || t.kind === k)));
    }
    render();
    show('Topics', form, out, h('p', {}, 'Show ', filter), holder);
  },

  async topic(name) {
    const t = await api('topic', { topic: name });
    const out = resultLine('topic-delete-result');
    show('Topic ' + t.topic,
      h('p', {}, 'Messages held: ', h('b', { id: 'topic-messages' }, t.messages)),
      h('h2', {}, 'Puts'),
      table('put-stats', [
        { title: 'Broker', key: 'brokerName' },
        { title: 'TPS (last minute)', render: s => Number(s.tpsLastMinute).toFixed(2), num: true },
        { title: 'Last minute', key: 'lastMinute', num: true },
        { title: 'Last hour', key: 'lastHour', num: true },
        { title: 'Last day', key: 'lastDay', num: true }
      ], t.putStats, 'No master broker serves this topic.'),
      h('h2', {}, 'Route'),
      table('route', [
        { title: 'Broker', key: 'brokerName' },
        { title: 'Read queues', key: 'readQueueNums', num: true },
        { title: 'Write queues', key: 'writeQueueNums', num: true },
        { title: 'Permission', key: 'perm', num: true }
      ], t.queueData),
      table('route-brokers', [
        { title: 'Broker', key: 'brokerName' },
        { title: 'Cluster', key: 'cluster' },
        { title: 'Addresses', render: b => Object.entries(b.addresses).map(([id, a]) => id + ': ' + a).join(', ') }
      ], t.brokers),
      h('h2', {}, 'Queues'),
      table('queues', [
        { title: 'Broker', key: 'brokerName' },
        { title: 'Queue', key: 'queueId', num: true },
        { title: 'Min offset', key: 'minOffset', num: true },
        { title: 'Max offset', key: 'maxOffset', num: true },
        { title: 'Messages', key: 'messages', num: true },
        { title: 'Last stored', render: q => time(q.lastUpdateTimestamp) }
      ], t.queues),
      h('h2', {}, 'Consumer groups'),
      t.consumerGroups.length ? h('ul', { id: 'topic-groups' }, t.consumerGroups.map(g =>
        h('li', {}, link('#/group/' + encodeURIComponent(g), g)))) : h('p', { class: 'muted' }, 'None.'),
      h('h2', {}, 'Delete'),
      h('button', { class: 'danger', id: 'delete-topic', onclick: async () => {
        if (!confirm('Delete topic ' + t.topic + ' on every broker and NameServer?')) { return; }
        try { await post('topic/delete', { topic: t.topic }); report(out, 'Deleted.', true); }
        catch (e) { report(out, e.message, false); }
      } }, 'Delete topic'), out);
  },

  async groups() {
    const rows = await api('groups');
    show('Consumer groups', table('groups-table', [
      { title: 'Group', render: g => link('#/group/' + encodeURIComponent(g.group), g.group) },
      { title: 'Lag', key: 'lag', num: true },
      { title: 'Consume TPS', render: g => Number(g.consumeTps).toFixed(1), num: true },
      { title: 'Online clients', key: 'clients', num: true },
      { title: 'Model', key: 'messageModel' },
      { title: 'Note', render: g => g.error ? h('span', { class: 'muted' }, g.error) : '' }
    ], rows, 'No consumer group yet.'));
  },

  async group(name) {
    const g = await api('group', { group: name });
    const out = resultLine('reset-result');
    const topics = [...new Set(g.queues.map(q => q.topic).concat(g.subscriptions.map(s => s.topic)))];
    const reset = h('form', { class: 'inline', id: 'reset-offset', onsubmit: async ev => {
      ev.preventDefault();
      const f = ev.target;
      const ts = f.when.value ? new Date(f.when.value).getTime() : 0;
      try {
        const r = await post('group/reset-offset', { group: g.group, topic: f.topic.value, timestamp: ts,
          force: true });
        report(out, 'Offsets of ' + r.topic + ' reset (' + r.mode + '): ' + r.queues.map(q => q.brokerName + '/'
          + q.queueId + ' -> ' + q.offset).join(', '), true);
      } catch (e) { report(out, e.message, false); }
    } },
      field('Topic', h('select', { name: 'topic', id: 'reset-topic' },
        topics.filter(t => !t.startsWith('%RETRY%')).map(t => h('option', { value: t }, t)))),
      field('To the first message stored at or after (empty: the beginning)',
        h('input', { name: 'when', id: 'reset-when', type: 'datetime-local' })),
      h('button', { type: 'submit', id: 'reset-submit' }, 'Reset offset'));
    const del = resultLine('group-delete-result');
    show('Consumer group ' + g.group,
      g.error ? h('p', { class: 'muted' }, g.error) : null,
      h('p', {}, 'Lag: ', h('b', { id: 'group-lag' }, g.lag),
        g.messageModel ? ' · ' + g.messageModel + ' · ' + g.consumeType + ' · ' + g.consumeFromWhere : ''),
      h('h2', {}, 'Lag per queue'),
      table('group-queues', [
        { title: 'Topic', key: 'topic' },
        { title: 'Broker', key: 'brokerName' },
        { title: 'Queue', key: 'queueId', num: true },
        { title: 'Broker offset', key: 'brokerOffset', num: true },
        { title: 'Consumer offset', key: 'consumerOffset', num: true },
        { title: 'Lag', key: 'lag', num: true },
        { title: 'Last consumed', render: q => time(q.lastTimestamp) }
      ], g.queues, 'No offsets committed yet.'),
      h('h2', {}, 'Online clients'),
      table('group-clients', [
        { title: 'Client id', key: 'clientId' },
        { title: 'Address', key: 'address' },
        { title: 'Language', key: 'language' },
        { title: 'Version', key: 'version' }
      ], g.clients, 'No consumer of this group is online.'),
      h('h2', {}, 'Subscriptions'),
      table('group-subscriptions', [
        { title: 'Topic', key: 'topic' },
        { title: 'Type', key: 'type' },
        { title: 'Expression', key: 'expression' }
      ], g.subscriptions, 'None (no consumer online).'),
      h('h2', {}, 'Reset offset'), reset, out,
      h('h2', {}, 'Delete'),
      h('button', { class: 'danger', id: 'delete-group', onclick: async () => {
        if (!confirm('Delete consumer group ' + g.group + ' on every master?')) { return; }
        try { await post('group/delete', { group: g.group }); report(del, 'Deleted.', true); }
        catch (e) { report(del, e.message, false); }
      } }, 'Delete group'), del);
  },

  async messages() {
    const results = h('div', { id: 'message-results' });
    const rowsTable = rows => table('messages-table', [
      { title: 'Message id', render: m => link('#/message/' + encodeURIComponent(m.topic) + '/'
          + encodeURIComponent(m.msgId), m.msgId) },
      { title: 'Topic', key: 'topic' },
      { title: 'Tags', key: 'tags' },
      { title: 'Keys', key: 'keys' },
      { title: 'Queue', key: 'queueId', num: true },
      { title: 'Offset', key: 'queueOffset', num: true },
      { title: 'Stored', render: m => time(m.storeTimestamp) },
      { title: 'Body bytes', key: 'bodySize', num: true }
    ], rows, 'No message found.');
    async function run(fn) {
      try { results.replaceChildren(await fn()); } catch (e) { results.replaceChildren(h('p', { class: 'error' }, e.message)); }
    }
    const now = Date.now();
    show('Messages',
      h('form', { class: 'inline', id: 'by-time', onsubmit: ev => { ev.preventDefault(); const f = ev.target;
        run(async () => rowsTable(await api('messages/by-time', { topic: f.topic.value,
          begin: new Date(f.begin.value).getTime(), end: new Date(f.end.value).getTime() }))); } },
        field('Topic', h('input', { name: 'topic', id: 'time-topic', required: true })),
        field('From', h('input', { name: 'begin', type: 'datetime-local', value: localInput(now - 3600000) })),
        field('To', h('input', { name: 'end', type: 'datetime-local', value: localInput(now + 60000) })),
        h('button', { type: 'submit', id: 'by-time-submit' }, 'By topic and time')),
      h('form', { class: 'inline', id: 'by-key', onsubmit: ev => { ev.preventDefault(); const f = ev.target;
        run(async () => rowsTable(await api('messages/by-key', { topic: f.topic.value, key: f.key.value }))); } },
        field('Topic', h('input', { name: 'topic', id: 'key-topic', required: true })),
        field('Key', h('input', { name: 'key', id: 'key-key', required: true })),
        h('button', { type: 'submit', id: 'by-key-submit' }, 'By key')),
      h('form', { class: 'inline', id: 'by-id', onsubmit: ev => { ev.preventDefault(); const f = ev.target;
        location.hash = '#/message/' + encodeURIComponent(f.topic.value) + '/' + encodeURIComponent(f.id.value); } },
        field('Topic', h('input', { name: 'topic', id: 'id-topic', required: true })),
        field('Message id', h('input', { name: 'id', id: 'id-id', required: true, size: 34 })),
        h('button', { type: 'submit', id: 'by-id-submit' }, 'By id')),
      results);
  },

  async message(topic, id) {
    const m = await api('message', { topic, msgId: id });
    const out = resultLine('resend-result');
    show('Message ' + m.message.msgId,
      table('message-summary', [
        { title: 'Topic', key: 'topic' }, { title: 'Tags', key: 'tags' }, { title: 'Keys', key: 'keys' },
        { title: 'Queue', key: 'queueId', num: true }, { title: 'Offset', key: 'queueOffset', num: true },
        { title: 'Stored', render: x => time(x.storeTimestamp) }, { title: 'Store host', key: 'storeHost' },
        { title: 'Born host', key: 'bornHost' }
      ], [m.message]),
      h('h2', {}, 'Body (' + m.bodyEncoding + ')'), h('pre', { id: 'message-body' }, m.body),
      h('h2', {}, 'Properties'),
      table('message-properties', [{ title: 'Name', key: 'k' }, { title: 'Value', key: 'v' }],
        Object.entries(m.properties).map(([k, v]) => ({ k, v }))),
      h('h2', {}, 'Consumed by'),
      table('message-tracks', [{ title: 'Group', key: 'group' }, { title: 'State', key: 'state' },
        { title: 'Detail', key: 'detail' }], m.consumedBy, 'No group subscribes to this topic.'),
      h('h2', {}, 'Trace'),
      table('message-trace', [
        { title: 'Step', key: 'type' }, { title: 'When', render: t => time(t.timestamp) },
        { title: 'Group', key: 'group' }, { title: 'Client', key: 'clientHost' },
        { title: 'Store host', key: 'storeHost' }, { title: 'Cost ms', key: 'costMs', num: true },
        { title: 'Success', render: t => t.success ? 'yes' : 'no' }
      ], m.trace, 'No trace (message trace is off for this producer or cluster).'),
      h('h2', {}, 'Resend to a consumer group'),
      h('form', { class: 'inline', id: 'resend', onsubmit: async ev => {
        ev.preventDefault();
        try {
          const r = await post('message/resend', { group: ev.target.group.value, topic: m.message.topic,
            msgId: m.message.msgId });
          report(out, r.clientId + ' answered ' + r.result + ' in ' + r.spentMs + ' ms ' + r.remark, true);
        } catch (e) { report(out, e.message, false); }
      } }, field('Group', h('input', { name: 'group', id: 'resend-group', required: true })),
        h('button', { type: 'submit', id: 'resend-submit' }, 'Resend')), out);
  },

  async dlq() {
    const groups = await api('groups');
    const results = h('div', { id: 'dlq-results' });
    show('Dead letters',
      h('form', { class: 'inline', id: 'dlq-form', onsubmit: async ev => {
        ev.preventDefault();
        const g = ev.target.group.value;
        try {
          const rows = await api('dlq', { group: g });
          results.replaceChildren(table('dlq-table', [
            { title: 'Message id', render: m => link('#/message/' + encodeURIComponent(m.topic) + '/'
                + encodeURIComponent(m.msgId), m.msgId) },
            { title: 'Keys', key: 'keys' }, { title: 'Tags', key: 'tags' },
            { title: 'Stored', render: m => time(m.storeTimestamp) },
            { title: 'Body bytes', key: 'bodySize', num: true }
          ], rows, 'No dead letter in the last 24 hours.'));
        } catch (e) { results.replaceChildren(h('p', { class: 'error' }, e.message)); }
      } }, field('Consumer group', h('select', { name: 'group', id: 'dlq-group' },
        groups.map(g => h('option', { value: g.group }, g.group)))),
        h('button', { type: 'submit', id: 'dlq-submit' }, 'Show dead letters (24 h)')),
      h('p', { class: 'muted' }, 'Open a message to resend it to its group.'), results);
  },

  async producers() {
    const results = h('div', { id: 'producer-results' });
    show('Producers',
      h('p', { class: 'muted' }, 'RocketMQ 4.9 lists producers per group and topic: name both.'),
      h('form', { class: 'inline', id: 'producer-form', onsubmit: async ev => {
        ev.preventDefault();
        const f = ev.target;
        try {
          results.replaceChildren(table('producers-table', [
            { title: 'Client id', key: 'clientId' }, { title: 'Address', key: 'address' },
            { title: 'Language', key: 'language' }, { title: 'Version', key: 'version' }
          ], await api('producers', { group: f.group.value, topic: f.topic.value })));
        } catch (e) { results.replaceChildren(h('p', { class: 'error' }, e.message)); }
      } }, field('Producer group', h('input', { name: 'group', id: 'producer-group', required: true })),
        field('Topic', h('input', { name: 'topic', id: 'producer-topic', required: true })),
        h('button', { type: 'submit', id: 'producer-submit' }, 'Show connections')),
      results);
  },

  async replication() {
    const rows = await api('replication');
    // the replication figures stand on their own when the controllers cannot be asked
    const failover = await api('controllers').catch(e => ({ enabled: true, controllers: [], leader: null,
      groups: [], error: e.message }));
    show('Replication', h('p', { class: 'muted' },
      'Lag is what a slave lacks of its master\'s commit log, from the runtime figures both report.'),
      ...rows.map(r => h('section', { 'data-broker': r.brokerName },
        h('h2', {}, r.brokerName + ' (' + r.cluster + ')'),
        table('replicas-' + r.brokerName, [
          { title: 'Id', key: 'brokerId', num: true }, { title: 'Address', key: 'address' },
          { title: 'Status', render: x => badge(x.status) },
          { title: 'Commit-log end', key: 'commitLogMaxOffset', num: true },
          { title: 'Lag (bytes)', render: x => x.brokerId === 0 ? '' : x.lagBytes, num: true },
          { title: 'Note', key: 'error' }
        ], [r.master].concat(r.slaves).filter(x => x), 'No broker.'),
        r.slaves.length ? null : h('p', { class: 'muted' }, 'No slave: messages live on the master only.'))),
      failover.enabled ? controllerSection(failover) : null);
  },

  async charts() {
    const s = await api('history');
    const series = (m) => Object.entries(m).map(([name, values]) => ({ name, values }));
    show('Charts', h('p', { class: 'muted' }, s.times.length + ' samples, from ' + time(s.times[0]) + ' to '
        + time(s.times[s.times.length - 1]) + '.'),
      h('div', { class: 'charts' },
        chart('chart-put', 'Put TPS per broker', s.times, series(s.putTps)),
        chart('chart-get', 'Get TPS per broker', s.times, series(s.getTps)),
        chart('chart-lag', 'Lag per consumer group (messages)', s.times, series(s.lag))));
  }
};

// controller mode: who leads the controllers and, per broker group, the master, its epoch and the in-sync set
function controllerSection(f) {
  return h('section', { id: 'failover' },
    h('h2', {}, 'Automatic failover (controller mode)'),
    f.error ? h('p', { class: 'error' }, f.error) : null,
    table('controllers-table', [
      { title: 'Controller', key: 'address' }, { title: 'Status', render: x => badge(x.status) },
      { title: 'Role', render: x => x.leader ? 'leader' : (x.status === 'UP' ? 'follower' : '') },
      { title: 'Note', key: 'error' }
    ], f.controllers, 'No controller.'),
    f.leader ? null : h('p', { class: 'error', id: 'no-controller-leader' },
      'No controller leads: no election can happen now.'),
    ...f.groups.map(g => h('div', { 'data-failover': g.brokerName },
      h('h3', {}, g.brokerName + ': master ' + (g.masterBrokerId === null ? 'none' : g.masterBrokerId + ' at '
        + g.masterAddress) + ', master epoch ' + g.masterEpoch + ', in-sync set epoch ' + g.syncStateSetEpoch),
      table('failover-' + g.brokerName, [
        { title: 'Id', key: 'brokerId', num: true }, { title: 'Address', key: 'address' },
        { title: 'In sync', render: x => x.inSync ? 'yes' : 'no' },
        { title: 'Status', render: x => badge(x.alive ? 'UP' : 'DOWN') }
      ], g.replicas, 'No replica.'))));
}

const COLORS = ['#1f6fc4', '#d9822b', '#1b7f3b', '#b3261e', '#7b4fc4', '#0f8b8d', '#8a6d1e', '#c0397a'];

function chart(id, title, times, lines) {
  const W = 460, H = 200, L = 48, B = 22;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('id', id);
  const all = lines.flatMap(l => l.values.filter(v => v !== null));
  const max = Math.max(1, ...all);
  const t0 = times[0] || 0, t1 = times[times.length - 1] || 1;
  const x = t => L + (W - L - 8) * (t1 === t0 ? 1 : (t - t0) / (t1 - t0));
  const y = v => 8 + (H - B - 8) * (1 - v / max);
  const add = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) { el.setAttribute(k, v); }
    if (text !== undefined) { el.textContent = text; }
    svg.appendChild(el);
  };
  add('line', { x1: L, y1: H - B, x2: W - 8, y2: H - B, stroke: '#9aa8b6' });
  add('line', { x1: L, y1: 8, x2: L, y2: H - B, stroke: '#9aa8b6' });
  add('text', { x: L - 6, y: 14, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5a6a' }, max.toFixed(max < 10 ? 1 : 0));
  add('text', { x: L - 6, y: H - B, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5a6a' }, '0');
  add('text', { x: L, y: H - 6, 'font-size': 11, fill: '#4a5a6a' }, time(t0).slice(11));
  add('text', { x: W - 8, y: H - 6, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5a6a' }, time(t1).slice(11));
  lines.forEach((l, i) => {
    const pts = l.values.map((v, k) => v === null ? null : x(times[k]).toFixed(1) + ',' + y(v).toFixed(1))
      .filter(p => p);
    if (pts.length) {
      add('polyline', { points: pts.join(' '), fill: 'none', stroke: COLORS[i % COLORS.length], 'stroke-width': 2,
        'data-series': l.name });
    }
  });
  return h('div', { class: 'chart' }, h('h2', {}, title), svg,
    h('div', { class: 'legend' }, lines.length ? lines.map((l, i) => h('span', {},
      h('i', { style: 'background:' + COLORS[i % COLORS.length] }), l.name)) : h('span', { class: 'muted' },
      'No data yet.')));
}

async function route() {
  const parts = (location.hash || '#/cluster').slice(2).split('/').map(decodeURIComponent);
  const name = parts[0] || 'cluster';
  const fn = pages[name] || pages.cluster;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.nav === name || (name === 'topic' && a.dataset.nav === 'topics')
      || (name === 'group' && a.dataset.nav === 'groups') || (name === 'message' && a.dataset.nav === 'messages'));
  }
  page.dataset.state = 'loading';
  page.dataset.page = name;
  try { await fn(...parts.slice(1)); } catch (e) { fail(e); }
}

window.addEventListener('hashchange', route);
api('session').then(s => {
  document.getElementById('namesrv').textContent = 'NameServer ' + s.namesrv;
  document.getElementById('logout').hidden = !s.login;
}).catch(() => {});
route();
