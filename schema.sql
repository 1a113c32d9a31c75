-- faultline's database: every run, every fault the tracer saw, and what the
-- guest printed. This file is the only definition: faultline embeds it
-- (tracer/schema.S) and runs it on a new, empty database file, and
-- `sqlite3 my.db < schema.sql` makes the same database by hand.
--
-- Conventions:
-- * Tables are STRICT, so a value of the wrong type is refused, not coerced.
-- * Guest addresses and registers are INTEGER (0 to 0xffffffff); the views
--   show them as text such as 0xc0101234.
-- * Host times are nanoseconds of CLOCK_MONOTONIC since the run started;
--   wall-clock times are UTC text, ISO 8601 with milliseconds.
-- * NULL means "not known" or "does not apply".
-- * Value lists in CHECKs are spelled with OR, not IN: SQLite builds a
--   temporary index for an IN list on every row inserted, which would cost
--   the tracer most of its ingest rate.
-- * The application_id ("Fltb") marks a faultline database; user_version is the
--   schema version. faultline refuses files with other values.

PRAGMA application_id = 1181512802;
PRAGMA user_version = 4;

-- One row per `faultline run`, written when the run starts and completed
-- when it ends. A run whose ended_at is NULL was killed (e.g. by SIGKILL).
CREATE TABLE runs (
	-- run number, 1, 2, ... within this database
	id INTEGER PRIMARY KEY,
	-- when the run started (UTC)
	started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	-- when the run ended (UTC); NULL while running or if faultline was killed
	ended_at TEXT,
	-- how it ended; NULL while running or if faultline was killed
	status TEXT CHECK (status = 'completed' OR status = 'guest_failed' OR
			   status = 'timeout' OR status = 'interrupted' OR status = 'vmm_error'),
	-- faultline's own exit code; NULL until the run ends
	exit_code INTEGER,
	-- the scenario init ran (--scenario); NULL when --program replaced init
	scenario TEXT,
	-- path of the program run as init (the first --program), or NULL
	program TEXT,
	-- the kernel command line the guest was given
	cmdline TEXT,
	-- path of the kernel ELF, or "(built-in)" for the embedded kernel
	kernel_path TEXT NOT NULL,
	-- SHA-256 of the kernel ELF, 64 lowercase hex digits; NULL if not computed
	kernel_sha256 TEXT CHECK (length(kernel_sha256) = 64
				  AND kernel_sha256 NOT GLOB '*[^0-9a-f]*'),
	-- the engine that ran the guest: kvm_pvm, kvm_intel or kvm_amd (the
	-- kernel module behind /dev/kvm), kvm if that module is unknown, or tcg
	-- (QEMU's emulator); NULL if no engine could be started
	engine TEXT CHECK (engine IN ('kvm', 'kvm_pvm', 'kvm_intel', 'kvm_amd', 'tcg')),
	-- the engine's version: "KVM API 12, Linux <release>" or "QEMU <version>"
	engine_version TEXT,
	-- one line saying why the run failed on the host side (engine missing,
	-- QEMU died, ...); NULL otherwise
	error TEXT,
	-- 1 if the guest was found to be emulated instruction by instruction
	-- (kvm_pvm, tcg: cycle figures then measure the emulator, not a CPU), else 0
	emulated INTEGER NOT NULL CHECK (emulated BETWEEN 0 AND 1),
	-- guest TSC frequency in kHz (KVM_GET_TSC_KHZ); NULL if unknown (tcg)
	tsc_khz INTEGER CHECK (tsc_khz > 0),
	-- faults traced in this run; NULL until the run ends
	fault_count INTEGER CHECK (fault_count >= 0),
	-- VM exits of the whole run; NULL until the run ends
	exits INTEGER CHECK (exits >= 0),
	-- debug exits per traced fault, the cost of tracing; NULL without faults
	exits_per_fault REAL CHECK (exits_per_fault >= 0)
) STRICT;

-- One row per exception the tracer intercepted (#PF, #DE), in order.
CREATE TABLE faults (
	-- the run it happened in
	run_id INTEGER NOT NULL REFERENCES runs (id),
	-- 1, 2, ... within the run, in the order the guest took them
	seq INTEGER NOT NULL CHECK (seq > 0),
	-- host time of the exception entry, ns since the run started
	ts_ns INTEGER NOT NULL CHECK (ts_ns >= 0),
	-- guest TSC at the exception entry (compare within one run only); the
	-- unsigned counter's 64 bits as a signed integer (negative past 2^63);
	-- NULL where the engine cannot read it (tcg: the gdbstub reads no MSRs)
	tsc INTEGER,
	-- exception vector: 14 page fault, 0 divide error
	vector INTEGER NOT NULL CHECK (vector BETWEEN 0 AND 31),
	-- the faulting linear address (CR2); NULL for vectors other than 14
	cr2 INTEGER CHECK (cr2 BETWEEN 0 AND 4294967295),
	-- address of the faulting instruction
	eip INTEGER NOT NULL CHECK (eip BETWEEN 0 AND 4294967295),
	-- "function+0xoffset" of eip from the kernel's or program's symbols
	eip_symbol TEXT,
	-- the error code the CPU pushed (0 for #DE, which pushes none)
	error_code INTEGER NOT NULL CHECK (error_code BETWEEN 0 AND 4294967295),
	-- page-fault error code bit 0: 1 protection violation, 0 page not present
	err_present INTEGER GENERATED ALWAYS AS
		(CASE WHEN vector = 14 THEN error_code & 1 END) VIRTUAL,
	-- bit 1: 1 the access was a write, 0 a read
	err_write INTEGER GENERATED ALWAYS AS
		(CASE WHEN vector = 14 THEN (error_code >> 1) & 1 END) VIRTUAL,
	-- bit 2: 1 the access came from CPL 3
	err_user INTEGER GENERATED ALWAYS AS
		(CASE WHEN vector = 14 THEN (error_code >> 2) & 1 END) VIRTUAL,
	-- bit 3: 1 a reserved bit was set in a paging entry
	err_rsvd INTEGER GENERATED ALWAYS AS
		(CASE WHEN vector = 14 THEN (error_code >> 3) & 1 END) VIRTUAL,
	-- bit 4: 1 the access was an instruction fetch
	err_fetch INTEGER GENERATED ALWAYS AS
		(CASE WHEN vector = 14 THEN (error_code >> 4) & 1 END) VIRTUAL,
	-- privilege level of the faulting code (0 kernel, 3 user)
	cpl INTEGER NOT NULL CHECK (cpl BETWEEN 0 AND 3),
	-- the tracer's own (shadow) exception-table lookup of eip: found, none,
	-- or not_applicable for user-mode faults; NULL if it was not done
	lookup TEXT CHECK (lookup = 'found' OR lookup = 'none' OR lookup = 'not_applicable'),
	-- the host's prediction: index of the matching entry in its owner's table
	-- (extable_entries.idx), found with the host's own search (libc bsearch
	-- over the entries libelf decoded), never the guest's; NULL if none
	entry_index INTEGER CHECK (entry_index >= 0),
	-- the entry's fixup address, NULL when there is no entry
	fixup INTEGER CHECK (fixup BETWEEN 0 AND 4294967295),
	-- "function+0xoffset" of fixup
	fixup_symbol TEXT,
	-- the entry's handler, e.g. ex_handler_default
	handler TEXT,
	-- whose table holds the entry: "kernel" or a module name
	owner TEXT,
	-- what happened: fixup (resumed at the fixup), resolved (resumed at the
	-- faulting instruction: demand page, COW, ...), killed (the user process
	-- was killed), oops (kernel stopped); NULL while or if unknown
	outcome TEXT CHECK (outcome = 'fixup' OR outcome = 'resolved' OR outcome = 'killed' OR
			    outcome = 'oops'),
	-- where execution continued after the handler (the iret target); NULL
	-- when nothing resumed (oops, killed) or it is not known
	resume_eip INTEGER CHECK (resume_eip BETWEEN 0 AND 4294967295),
	-- EAX once the handler is done: at the resume point, or for a fixup where
	-- it jumps back, after it ran (-EFAULT in the error register, the value
	-- zeroed); NULL as resume_eip
	eax_after INTEGER CHECK (eax_after BETWEEN 0 AND 4294967295),
	-- EDX, taken at the same moment as eax_after; NULL as resume_eip
	edx_after INTEGER CHECK (edx_after BETWEEN 0 AND 4294967295),
	-- 1 if the shadow lookup and what the guest did disagree
	mismatch INTEGER NOT NULL CHECK (mismatch BETWEEN 0 AND 1),
	-- why a fault is unexplained or anything else worth saying; NULL if nothing
	note TEXT,
	-- the entry the guest used, as observed, independently of the prediction
	-- (entry_index): the one whose fixup execution resumed at, preferring one
	-- for this eip; NULL if the guest resumed at the faulting instruction, or
	-- killed the process, or oopsed
	observed_index INTEGER CHECK (observed_index >= 0),
	-- the table observed_index is in; NULL with it
	observed_owner TEXT,
	-- the paging level that decided a page fault, from the walk of CR2
	-- (fault_walk): 4 PML4E, 3 PDPTE, 2 PDE, 1 PTE; NULL for other vectors
	-- and when every level allows the access
	walk_level INTEGER CHECK (walk_level BETWEEN 1 AND 4),
	-- why that level refused the access, read with the error code's bits:
	-- not_present (P clear), read_only (a write, R/W clear), supervisor (a
	-- user access, U/S clear), reserved (a reserved bit set), no_execute (a
	-- fetch, XD set); allowed when the tables as walked permit the access
	-- (changed since, or refused for a reason outside them); NULL but for #PF,
	-- and when the walk cannot tell (an entry outside guest RAM, a reserved
	-- bit the tracer does not check): note then says which
	walk_reason TEXT CHECK (walk_reason = 'not_present' OR walk_reason = 'read_only' OR
				walk_reason = 'supervisor' OR walk_reason = 'reserved' OR
				walk_reason = 'no_execute' OR walk_reason = 'allowed'),
	-- the trap frame: guest address of the exception frame's return EIP slot
	frame_addr INTEGER CHECK (frame_addr BETWEEN 0 AND 4294967295),
	-- the frame's EIP, EAX and EDX as the handler found them (at the entry);
	-- the frame's EIP after the handler is resume_eip
	frame_eip_before INTEGER CHECK (frame_eip_before BETWEEN 0 AND 4294967295),
	frame_eax_before INTEGER CHECK (frame_eax_before BETWEEN 0 AND 4294967295),
	frame_edx_before INTEGER CHECK (frame_edx_before BETWEEN 0 AND 4294967295),
	-- EAX and EDX as the handler left them, at the trap return (before any
	-- fixup ran: compare eax_after); NULL when the trap did not return
	frame_eax_after INTEGER CHECK (frame_eax_after BETWEEN 0 AND 4294967295),
	frame_edx_after INTEGER CHECK (frame_edx_after BETWEEN 0 AND 4294967295),
	PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

-- The exception tables (kernel and modules) as loaded in a run.
CREATE TABLE extable_entries (
	-- the run whose kernel and modules these are
	run_id INTEGER NOT NULL REFERENCES runs (id),
	-- whose table: "kernel" or a module name
	owner TEXT NOT NULL,
	-- position in that owner's table, 0 first (tables are sorted by insn)
	idx INTEGER NOT NULL CHECK (idx >= 0),
	-- address of the instruction that may fault
	insn INTEGER NOT NULL CHECK (insn BETWEEN 0 AND 4294967295),
	-- address where execution resumes instead
	fixup INTEGER NOT NULL CHECK (fixup BETWEEN 0 AND 4294967295),
	-- handler type (EX_HANDLER_*): 0 ex_handler_default, 1 ex_handler_fault
	handler INTEGER NOT NULL CHECK (handler BETWEEN 0 AND 4294967295),
	-- "function+0xoffset" of insn
	insn_symbol TEXT,
	-- "function+0xoffset" of fixup
	fixup_symbol TEXT,
	PRIMARY KEY (run_id, owner, idx)
) STRICT, WITHOUT ROWID;

-- The single-stepped instructions of a fault (`faultline run --steps`), enough
-- to replay the eight steps without the guest.
CREATE TABLE fault_steps (
	-- the run
	run_id INTEGER NOT NULL,
	-- the fault these steps belong to (faults.seq)
	fault_seq INTEGER NOT NULL,
	-- 0, 1, ... in execution order
	step_idx INTEGER NOT NULL CHECK (step_idx >= 0),
	-- which of the eight steps this instruction is (1 to 8), NULL for the
	-- instructions between them
	milestone INTEGER CHECK (milestone BETWEEN 1 AND 8),
	-- address of the instruction
	eip INTEGER NOT NULL CHECK (eip BETWEEN 0 AND 4294967295),
	-- "function+0xoffset" of eip
	eip_symbol TEXT,
	-- the instruction at eip, disassembled (Capstone, Intel syntax)
	insn TEXT,
	-- the registers this instruction changed, e.g. "eax=0xfffffff2 edx=0x0".
	-- Instead: at milestone 1 "(faulted)"; at 2 the exception's vector, CR2
	-- and error code; at 5 EAX, the lookup's result (the entry's address, or
	-- 0); at 8, the instruction after the access, EAX to EDX (the fixup's
	-- effect)
	changed TEXT,
	-- the source file of eip, from the guest ELF's DWARF line table, as the
	-- compiler named it (e.g. "guest/mm/fault.c"); NULL if it has no line
	src_file TEXT,
	-- its line, 1 first; NULL with src_file
	src_line INTEGER CHECK (src_line > 0),
	PRIMARY KEY (run_id, fault_seq, step_idx),
	FOREIGN KEY (run_id, fault_seq) REFERENCES faults (run_id, seq)
) STRICT, WITHOUT ROWID;

-- The registers at each step, before its instruction runs: the whole file at
-- a fault's first step (the faulting access; CR2 is not known before the
-- fault), then at each later step only the registers whose value differs
-- from the step before. Folding the rows up to step N gives every register
-- at step N.
CREATE TABLE step_regs (
	run_id INTEGER NOT NULL,
	fault_seq INTEGER NOT NULL,
	step_idx INTEGER NOT NULL CHECK (step_idx >= 0),
	-- the register's i386 name; general registers hold the low 32 bits of
	-- what the 64-bit trap glue sees
	reg TEXT NOT NULL CHECK (reg = 'eax' OR reg = 'ebx' OR reg = 'ecx' OR reg = 'edx' OR
				 reg = 'esi' OR reg = 'edi' OR reg = 'ebp' OR reg = 'esp' OR
				 reg = 'eip' OR reg = 'eflags' OR reg = 'cs' OR reg = 'ss' OR
				 reg = 'cr2' OR reg = 'cr3'),
	value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 4294967295),
	PRIMARY KEY (run_id, fault_seq, step_idx, reg),
	FOREIGN KEY (run_id, fault_seq, step_idx)
		REFERENCES fault_steps (run_id, fault_seq, step_idx)
) STRICT, WITHOUT ROWID;

-- The text of the source lines the steps name (and a few around each), so
-- that a copied database replays with its source on another machine.
-- Written only where the build tree was present.
CREATE TABLE source_lines (
	run_id INTEGER NOT NULL REFERENCES runs (id),
	-- as fault_steps.src_file
	file TEXT NOT NULL,
	line INTEGER NOT NULL CHECK (line > 0),
	-- the line without its newline, bytes as in the file
	text TEXT NOT NULL,
	PRIMARY KEY (run_id, file, line)
) STRICT, WITHOUT ROWID;

-- The exception-table entries search_exception_table read while it was
-- single-stepped, in the order it read them: found from the stepped
-- instructions' memory operands and register values, not by searching again.
CREATE TABLE extable_probes (
	run_id INTEGER NOT NULL,
	fault_seq INTEGER NOT NULL,
	-- 1, 2, ... in the order the guest made them
	probe INTEGER NOT NULL CHECK (probe > 0),
	-- the step whose instruction read the entry
	step_idx INTEGER NOT NULL CHECK (step_idx >= 0),
	-- the table read ("kernel" or a module name) and the entry's index there
	owner TEXT NOT NULL,
	idx INTEGER NOT NULL CHECK (idx >= 0),
	-- the entry's insn as the guest read it
	insn INTEGER NOT NULL CHECK (insn BETWEEN 0 AND 4294967295),
	-- the entry against the address searched (the faulting EIP): below
	-- (the search goes on above it), above (below it), match
	result TEXT NOT NULL CHECK (result = 'below' OR result = 'above' OR result = 'match'),
	PRIMARY KEY (run_id, fault_seq, probe),
	FOREIGN KEY (run_id, fault_seq) REFERENCES faults (run_id, seq)
) STRICT, WITHOUT ROWID;

-- The page walk of each page fault's CR2 from CR3, made at the exception
-- entry (before the handler changed anything): one row per level read, from
-- the top down to the level that refused the access or mapped the page.
CREATE TABLE fault_walk (
	run_id INTEGER NOT NULL,
	fault_seq INTEGER NOT NULL,
	-- 4 PML4E, 3 PDPTE, 2 PDE, 1 PTE
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	-- guest physical address of the entry
	entry_addr INTEGER NOT NULL CHECK (entry_addr >= 0),
	-- the entry's 64 bits as a signed integer (bit 63, XD, makes it negative)
	entry_value INTEGER NOT NULL,
	PRIMARY KEY (run_id, fault_seq, level),
	FOREIGN KEY (run_id, fault_seq) REFERENCES faults (run_id, seq)
) STRICT, WITHOUT ROWID;

-- The guest's console, one row per line.
CREATE TABLE console (
	-- order of the lines across all runs
	id INTEGER PRIMARY KEY,
	-- the run
	run_id INTEGER NOT NULL REFERENCES runs (id),
	-- host time the line was complete, ns since the run started
	ts_ns INTEGER NOT NULL CHECK (ts_ns >= 0),
	-- the line without its newline, bytes as the guest wrote them (which need
	-- not be valid UTF-8)
	line TEXT NOT NULL
) STRICT;

-- Benchmark results, one row per case, parameter and measure.
CREATE TABLE bench (
	-- order of insertion
	id INTEGER PRIMARY KEY,
	-- the run that measured it
	run_id INTEGER NOT NULL REFERENCES runs (id),
	-- what was measured, e.g. "get_user_fault"
	case_name TEXT NOT NULL,
	-- the case's parameter (e.g. a size), NULL if it has none
	parameter TEXT,
	-- the kind of figure: instructions, cycles, host_ns, probes, ...
	measure TEXT NOT NULL,
	-- the figure (a mean over the repetitions)
	value REAL NOT NULL,
	-- its unit, e.g. "instructions", "ns"
	unit TEXT NOT NULL,
	-- how many times the case ran
	repetitions INTEGER NOT NULL CHECK (repetitions > 0)
) STRICT;

CREATE INDEX console_by_run ON console (run_id, id);
CREATE INDEX bench_by_run ON bench (run_id, id);

-- One row per fault, for people: hex addresses, the exception's name and the
-- error code spelled out.
CREATE VIEW fault_timeline AS
SELECT
	run_id,
	seq,
	printf('%.3f', ts_ns / 1e6) AS t_ms,
	CASE vector WHEN 14 THEN '#PF' WHEN 0 THEN '#DE'
		ELSE printf('vector %d', vector) END AS exception,
	cpl,
	printf('0x%08x', eip) AS eip,
	eip_symbol,
	iif(cr2 IS NULL, NULL, printf('0x%08x', cr2)) AS cr2,
	CASE WHEN vector = 14 THEN
		CASE WHEN err_user THEN 'user ' ELSE 'kernel ' END ||
		CASE WHEN err_fetch THEN 'fetch' WHEN err_write THEN 'write' ELSE 'read' END ||
		CASE WHEN err_present THEN ', protection' ELSE ', not present' END ||
		CASE WHEN err_rsvd THEN ', reserved bit' ELSE '' END
	END AS access,
	CASE WHEN walk_reason = 'allowed' THEN 'tables allow it'
		WHEN walk_reason IS NOT NULL THEN
		CASE walk_level WHEN 4 THEN 'PML4E' WHEN 3 THEN 'PDPTE' WHEN 2 THEN 'PDE'
			ELSE 'PTE' END || ' ' || replace(walk_reason, '_', ' ')
	END AS refused_by,
	lookup,
	iif(fixup IS NULL, NULL, printf('0x%08x', fixup)) AS fixup,
	fixup_symbol,
	outcome,
	iif(resume_eip IS NULL, NULL, printf('0x%08x', resume_eip)) AS resume_eip,
	iif(eax_after IS NULL, NULL, printf('0x%08x', eax_after)) AS eax_after,
	iif(edx_after IS NULL, NULL, printf('0x%08x', edx_after)) AS edx_after,
	note
FROM faults;

-- How many faults each function took, by outcome (the function is eip_symbol
-- without its offset).
CREATE VIEW faults_by_function AS
SELECT
	run_id,
	CASE WHEN eip_symbol IS NULL THEN printf('0x%08x', eip)
		WHEN instr(eip_symbol, '+') > 0
			THEN substr(eip_symbol, 1, instr(eip_symbol, '+') - 1)
		ELSE eip_symbol END AS function,
	outcome,
	count(*) AS faults
FROM faults
GROUP BY run_id, function, outcome;

-- Faults that the tracer cannot account for, each with the first reason.
CREATE VIEW unexplained_faults AS
SELECT * FROM (
	SELECT
		run_id,
		seq,
		printf('0x%08x', eip) AS eip,
		eip_symbol,
		cpl,
		lookup,
		outcome,
		iif(fixup IS NULL, NULL, printf('0x%08x', fixup)) AS fixup,
		iif(resume_eip IS NULL, NULL, printf('0x%08x', resume_eip)) AS resume_eip,
		CASE
			WHEN mismatch THEN 'the shadow lookup and the guest disagree'
			WHEN outcome IS NULL THEN 'the outcome is unknown'
			WHEN lookup IS NULL THEN 'no shadow lookup was made'
			WHEN (lookup = 'not_applicable') <> (cpl = 3)
				THEN 'the lookup does not fit the privilege level'
			WHEN outcome = 'fixup' AND lookup <> 'found'
				THEN 'resumed at a fixup the table does not have'
			WHEN outcome = 'fixup' AND resume_eip IS NOT fixup
				THEN 'resumed somewhere other than the fixup'
			WHEN outcome = 'oops' AND lookup = 'found'
				THEN 'an oops although the table has a fixup'
		END AS reason,
		note
	FROM faults
) WHERE reason IS NOT NULL;

-- The exception tables like the seed's listing: hex addresses, the handler
-- by name; order by insn for the human-readable order.
CREATE VIEW extable_listing AS
SELECT
	run_id,
	idx,
	printf('0x%08x', insn) AS insn,
	printf('0x%08x', fixup) AS fixup,
	CASE handler WHEN 0 THEN 'ex_handler_default' WHEN 1 THEN 'ex_handler_fault'
		ELSE printf('handler %d', handler) END AS handler,
	insn_symbol,
	fixup_symbol,
	owner
FROM extable_entries;
