/* The replay page's script: draws one step of one fault from the JSON in
 * #replay-data (viz/replay_html_data.c says what it holds). Database text
 * reaches the page only as text (el() sets textContent), never as markup.
 * The location's hash names what is shown, #fault=S&step=N, so that a link
 * or a reload opens the same step; it follows every move. */
'use strict';
(function () {
	const $ = id => document.getElementById(id);
	const data = load();
	if (!data)
		return;	/* #status stays, saying the page is incomplete */
	$('status').hidden = true;
	const sources = new Map(data.lines.map(([file, line, text]) => [file + '\n' + line, text]));
	const LEVELS = { 4: 'PML4E', 3: 'PDPTE', 2: 'PDE', 1: 'PTE' };
	let fault = null, at = 0;	/* the fault shown, and the index of its step */

	function load() {
		try {
			const d = JSON.parse($('replay-data').textContent);
			return d && d.complete === true && d.faults.length ? d : null;
		} catch (e) {
			return null;
		}
	}

	/* Controls and bidi overrides as escapes, as the terminal replay shows
	 * them: database text must not reorder or hide what is around it. */
	const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
	const shown = s => String(s).replace(HIDDEN,
		c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

	/* Source text with its tabs at every eighth column, as the editor had it. */
	function untab(s) {
		let out = '';
		for (const c of s)
			out += c === '\t' ? ' '.repeat(8 - out.length % 8) : c;
		return out;
	}

	function el(tag, cls, text) {
		const e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined)
			e.textContent = shown(text);
		return e;
	}

	/* A row of cells, each [class, text]. */
	function row(cls, cells) {
		const tr = el('tr', cls);
		for (const [c, text] of cells)
			tr.append(el('td', c, text));
		return tr;
	}

	const hex = v => v === null || v === undefined ? '\u2014'
		: '0x' + (v >>> 0).toString(16).padStart(8, '0');
	const where = (addr, symbol) => hex(addr) + (symbol ? ' <' + symbol + '>' : '');
	const step = () => fault.steps[at];

	/* The milestone a step belongs to: the last one at or before it. */
	function phase(f, i) {
		for (let k = i; k >= 0; k--)
			if (f.steps[k][1])
				return f.steps[k][1];
		return 0;
	}

	/* Each step's registers: step_regs holds the whole file at the first
	 * step and then only what changed, so they are folded once per fault. */
	function fold(f) {
		let regs = {};
		f.folded = f.folded || f.steps.map(s => (regs = Object.assign({}, regs, s[8])));
	}

	function drawMilestones(ph) {
		for (const b of document.querySelectorAll('.milestone')) {
			const m = Number(b.dataset.m), present = fault.steps.some(s => s[1] === m);
			b.classList.toggle('lit', m === ph);
			b.classList.toggle('past', present && m < ph);
			b.classList.toggle('absent', !present);
		}
		$('caption').textContent = ph ? 'Step ' + ph + ': ' + data.milestones[ph]
			: 'Before the first of the eight steps';
		$('where').textContent = 'step ' + step()[0] + ' (' + (at + 1) + ' of ' +
			fault.steps.length + ')';
	}

	function drawSource() {
		const [, , , , , , file, line] = step(), box = $('source');
		box.replaceChildren();
		if (!file || line === null) {
			box.append(el('div', 'where', 'no source line for this instruction'));
			return;
		}
		box.append(el('div', 'where', file + ':' + line));
		if (!sources.has(file + '\n' + line))
			box.append(el('div', 'where', '(the database has no text for this line)'));
		for (let l = line - 2; l <= line + 2; l++)
			if (sources.has(file + '\n' + l))
				box.append(el('div', l === line ? 'at' : '',
					String(l).padStart(5) + '  ' + untab(sources.get(file + '\n' + l))));
	}

	/* The current instruction and those around it, as many as the panel
	 * holds: rows that would overflow are dropped, from the bottom unless
	 * that would drop the current one. */
	function drawInstructions() {
		const body = $('insns').tBodies[0], n = fault.steps.length, most = 40;
		const first = Math.max(0, Math.min(at - 9, n - most));
		body.replaceChildren();
		$('effect').textContent = shown(step()[5] ? 'this step: ' + step()[5] : '');
		for (let k = first; k < Math.min(n, first + most); k++) {
			const [idx, m, eip, symbol, insn] = fault.steps[k];
			const tr = row((k === at ? 'at' : '') + (m ? ' mark' : ''), [['ms', m || ''], ['idx', idx],
				['eip', hex(eip)], ['symbol', symbol], ['insn', insn]]);
			tr.title = m ? 'step ' + m + ': ' + data.milestones[m] : '';
			body.append(tr);
		}
		const bottom = $('code').getBoundingClientRect().bottom - 4;
		while (body.rows.length > 1 && body.lastChild.getBoundingClientRect().bottom > bottom)
			body.rows[body.lastChild.classList.contains('at') ? 0 : body.rows.length - 1].remove();
	}

	function drawRegisters() {
		const body = $('regs').tBodies[0], regs = fault.folded[at], diff = step()[8];
		body.replaceChildren();
		for (const name of data.regs) {
			const known = name in regs, changed = at > 0 && name in diff;
			const tr = row(changed ? 'changed' : known ? '' : 'unknown',
				[['name', name], ['value', known ? hex(regs[name]) : '\u2014']]);
			tr.dataset.reg = name;
			body.append(tr);
		}
	}

	/* Frame values before and after the handler; an after that differs is
	 * marked, and one the replay has not reached yet is greyed. */
	function frameCell(id, v, before, later) {
		const td = $(id);
		td.textContent = hex(v);
		td.className = (later ? 'pending' : '') +
			(before !== undefined && v !== null && before !== null && v !== before ? ' differs' : '');
	}

	/* EAX and EDX "after" are read after the fixup ran, or where execution
	 * resumed when there was no fixup. */
	function drawFrame(ph) {
		const f = fault, fixup = f.outcome === 'fixup';
		$('frame-addr').textContent = f.frame_addr === null ? '' : 'at ' + hex(f.frame_addr);
		frameCell('frame-eip-before', f.frame_eip_before);
		frameCell('frame-eip-after', f.resume_eip, f.frame_eip_before, ph < 6);
		for (const r of ['eax', 'edx']) {
			const before = f['frame_' + r + '_before'];
			frameCell('frame-' + r + '-before', before);
			frameCell('frame-' + r + '-trap', f['frame_' + r + '_after'], before, ph < 6);
			frameCell('frame-' + r + '-after', f[r + '_after'], before, ph < (fixup ? 8 : 6));
			$('frame-' + r + '-after-name').textContent = r.toUpperCase() +
				(fixup ? ' after the fixup' : ' when resumed');
		}
	}

	function probeChip(p, cur, withOwner) {
		const [n, stepIdx, owner, idx, insn, result] = p;
		const chip = el('span', 'probe' + (stepIdx > cur ? ' pending' : ''),
			'#' + n + ' ' + (withOwner ? owner + '[' + idx + '] ' + hex(insn) + ' ' : '') + result);
		chip.title = 'probe ' + n + ', made at step ' + stepIdx;
		return chip;
	}

	/* The shown entries of table t, with "..." where entries are left out
	 * and the target's place marked when no entry holds it. */
	function drawTable(t, cur, found) {
		const body = el('tbody'), f = fault;
		const target = () => body.append(row('target', [['', '\u2192'],
			['insn', hex(f.eip)], ['', ''], ['', 'no entry: the searched EIP would be here'], ['', '']]));
		let prev = null;
		t.entries.forEach(([idx, insn, fixup, insnSym], k) => {
			if (k === t.at && insn !== f.eip)
				target();
			if (prev !== null && idx > prev + 1)
				body.append(row('gap', [['', '\u22ee'], ['', ''], ['', ''], ['', ''], ['', '']]));
			prev = idx;
			const tr = row((insn === f.eip ? 'hit' : '') + (found && idx === f.entry_index &&
				t.owner === f.owner ? ' found' : ''), [['idx', idx], ['insn', hex(insn)],
				['fixup', hex(fixup)], ['symbol', insnSym], ['probes', '']]);
			for (const p of f.probes)
				if (p[2] === t.owner && p[3] === idx)
					tr.lastChild.append(probeChip(p, cur, false));
			body.append(tr);
		});
		if (t.at >= t.entries.length)
			target();
		const table = el('table');
		table.append(body);
		table.dataset.owner = t.owner;
		return table;
	}

	function answer(known) {
		const f = fault, p = $('answer');
		p.className = !known ? 'pending' : f.lookup === 'none' ? 'miss' : '';
		if (f.outcome === 'resolved')
			p.textContent = 'no search: the handler made the access good, and it runs again';
		else if (f.lookup === 'found')
			p.textContent = shown('found: ' + f.owner + '[' + f.entry_index + '] \u2192 fixup ' +
				where(f.fixup, f.fixup_symbol) + ', ' + f.handler);
		else if (f.lookup === 'none')
			p.textContent = shown('miss: no table has an entry for ' + hex(f.eip));
		else if (f.lookup === 'not_applicable')
			p.textContent = 'not searched: the fault came from user mode';
		else
			p.textContent = 'no lookup recorded';
	}

	function drawExtable(ph) {
		/* Known once the search has returned, which a fault the handler
		 * resolved never reaches. */
		const known = ph >= 5 && fault.steps.some(s => s[1] === 5);
		const box = $('tables'), cur = step()[0];
		$('target').textContent = shown('searched for ' + where(fault.eip, fault.eip_symbol));
		box.replaceChildren();
		for (const t of fault.tables) {
			box.append(el('h3', '', t.owner + ': ' + t.n + ' entries, sorted by insn'));
			box.append(drawTable(t, cur, known));
		}
		const trail = el('p');
		trail.id = 'probes';
		trail.append(fault.probes.length ? 'probes in order: ' : 'no probes recorded');
		for (const p of fault.probes)
			trail.append(probeChip(p, cur, true), ' ');
		box.append(trail);
		answer(known);
	}

	function access(f) {
		const e = f.error_code;
		return (e & 4 ? 'user ' : 'kernel ') + (e & 16 ? 'fetch' : e & 2 ? 'write' : 'read') +
			(e & 1 ? ', protection' : ', not present') + (e & 8 ? ', reserved bit' : '');
	}

	/* P, R/W, U/S (and XD, bit 63) of an entry given as 16 hex digits. */
	function bits(value) {
		const cell = el('td'), low = parseInt(value.slice(-8), 16);
		const xd = value.length === 18 && parseInt(value[2], 16) >= 8;
		for (const [name, on] of [['P', low & 1], ['RW', low & 2], ['US', low & 4], ['XD', xd]])
			cell.append(el('span', 'bit ' + (on ? 'on' : 'off'), name), ' ');
		return cell;
	}

	function drawWalk() {
		const f = fault, body = $('levels').tBodies[0];
		$('cr2').textContent = f.cr2 === null ? '' : 'CR2 ' + hex(f.cr2) + ', error ' +
			hex(f.error_code) + ' (' + access(f) + ')';
		body.replaceChildren();
		for (const level of [4, 3, 2, 1]) {
			const w = f.walk.find(x => x[0] === level);
			const tr = row((w ? '' : 'skipped') + (level === f.walk_level ? ' failing' : ''),
				[['name', LEVELS[level]], ['addr', w ? w[1] : '\u2014'], ['value', w ? w[2] : 'not read']]);
			tr.append(w ? bits(w[2]) : el('td'));
			body.append(tr);
		}
		const reason = f.walk_reason;
		$('reason').textContent = shown(reason === 'allowed'
			? 'the tables as walked allow the access'
			: reason ? (LEVELS[f.walk_level] || 'a level') + ' refused the access: ' +
				reason.replace(/_/g, ' ')
			: f.vector === 14 ? 'no page walk recorded' : 'not a page fault: no page walk');
	}

	function show(f, i) {
		fault = f;
		at = i;
		fold(f);
		const ph = phase(f, i);
		$('fault').value = String(f.seq);
		drawMilestones(ph);
		drawSource();
		drawInstructions();
		drawRegisters();
		drawFrame(ph);
		drawExtable(ph);
		drawWalk();
	}

	/* Shows step i of f and names it in the hash, replacing the history
	 * entry: stepping through a lesson should not fill the back button. */
	function go(f, i) {
		i = Math.max(0, Math.min(f.steps.length - 1, i));
		const hash = '#fault=' + f.seq + '&step=' + f.steps[i][0];
		if (location.hash !== hash)
			history.replaceState(null, '', hash);
		show(f, i);
	}

	/* #fault=S&step=N, either part optional: the fault numbered S (else the
	 * one the page was written for), at its first step numbered N or more. */
	function fromHash() {
		const h = new URLSearchParams(location.hash.slice(1));
		const seq = Number(h.get('fault'));
		const f = data.faults.find(x => x.seq === seq) ||
			data.faults.find(x => x.seq === data.first) || data.faults[0];
		const n = Number(h.get('step'));
		const i = h.has('step') && Number.isFinite(n) ? f.steps.findIndex(s => s[0] >= n) : 0;
		show(f, i < 0 ? f.steps.length - 1 : i);
	}

	function milestone(m) {
		const i = fault.steps.findIndex(s => s[1] === m);
		if (i >= 0)
			go(fault, i);
	}

	function setUp() {
		const select = $('fault');
		for (const f of data.faults) {
			const o = el('option', '', 'fault ' + f.seq + ': ' + (f.vector === 14 ? '#PF' : f.vector === 0
				? '#DE' : 'vector ' + f.vector) + ' at ' + (f.eip_symbol || hex(f.eip)) +
				(f.outcome ? ', ' + f.outcome : ''));
			o.value = String(f.seq);
			select.append(o);
		}
		select.addEventListener('change', () => {
			go(data.faults.find(f => String(f.seq) === select.value), 0);
			select.blur();
		});
		$('prev').addEventListener('click', () => go(fault, at - 1));
		$('next').addEventListener('click', () => go(fault, at + 1));
		for (const b of document.querySelectorAll('.milestone'))
			b.addEventListener('click', () => milestone(Number(b.dataset.m)));
		document.addEventListener('keydown', keys);
		window.addEventListener('hashchange', fromHash);
		/* The instruction list is fitted to the window's height. */
		window.addEventListener('resize', () => drawInstructions());
	}

	function keys(e) {
		if (e.target.tagName === 'SELECT' || e.altKey || e.ctrlKey || e.metaKey)
			return;
		const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: fault.steps.length - 1 };
		if (e.key in moves)
			go(fault, moves[e.key]);
		else if (e.key >= '1' && e.key <= '8' && e.key.length === 1)
			milestone(Number(e.key));
		else
			return;
		e.preventDefault();
	}

	setUp();
	fromHash();
})();
