# Reads "FROM TO WHY" lines (FROM depends on TO, because of WHY) and prints
# every circle: a set of two or more nodes that all reach one another (a
# strongly connected component), each line starting with the circle's
# smallest member so that a sort groups it:
#   REP <tab> 0 <tab> MEMBER         one per member
#   REP <tab> 1 <tab> A -> B: WHY    one per edge inside the circle
# The graphs are small (a hundred files), so plain reachability from every
# node is fast enough and simpler than Tarjan's algorithm.
{
	node[$1]; node[$2]
	if (!(($1, $2) in why)) {
		why[$1, $2] = $3
		succ[$1] = succ[$1] " " $2
	} else {
		why[$1, $2] = why[$1, $2] " " $3
	}
}

# Marks seen[s, x] for every x that s reaches by one edge or more.
function reach(s,    stack, top, m, n, k) {
	stack[top = 1] = s
	while (top > 0) {
		n = split(succ[stack[top--]], m, " ")
		for (k = 1; k <= n; k++)
			if (!((s, m[k]) in seen)) {
				seen[s, m[k]]
				stack[++top] = m[k]
			}
	}
}

END {
	for (x in node)
		reach(x)
	for (x in node) {
		if (!((x, x) in seen))
			continue
		rep = x
		for (y in node)
			if ((x, y) in seen && (y, x) in seen && y < rep)
				rep = y
		print rep "\t0\t" x
		n = split(succ[x], m, " ")
		for (k = 1; k <= n; k++)
			if ((m[k], x) in seen)
				print rep "\t1\t" x " -> " m[k] ": " why[x, m[k]]
	}
}
