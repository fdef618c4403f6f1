#!/usr/bin/env python3
# Folder imports and import loops inside one project: python3 tests/tools/folder-loops.py src/S3Spec.Server S3Spec.Server
# Counts `using NS.Folder;`, `NS.Folder.X` and `Folder.Type` references (Type declared in that folder); comments are skipped.
import os, re, sys, itertools
root = sys.argv[1]  # e.g. src/S3Spec.Server
ns = sys.argv[2]    # e.g. S3Spec.Server
edges = {}
declared = {}
for d, _, files in os.walk(root):
    if '/obj' in d or '/bin' in d: continue
    for f in files:
        if f.endswith('.cs'):
            rel = os.path.relpath(os.path.join(d, f), root)
            folder = rel.split(os.sep)[0] if os.sep in rel else '(root)'
            for t in re.findall(r'\b(?:class|record|struct|enum|interface)\s+(\w+)', open(os.path.join(d, f)).read()):
                declared.setdefault(folder, set()).add(t)
for d, _, files in os.walk(root):
    if '/obj' in d or '/bin' in d: continue
    for f in files:
        if not f.endswith('.cs'): continue
        rel = os.path.relpath(os.path.join(d, f), root)
        folder = rel.split(os.sep)[0] if os.sep in rel else '(root)'
        text = open(os.path.join(d, f)).read()
        used = set(re.findall(r'using\s+' + re.escape(ns) + r'\.(\w+)\s*;', text))
        used |= set(re.findall(re.escape(ns) + r'\.(\w+)\.\w', text))
        subdirs = [x for x in os.listdir(root) if os.path.isdir(os.path.join(root, x)) and x not in ('bin', 'obj')]
        code = re.sub(r'//.*', '', text)
        for sd in subdirs:
            for m in re.finditer(r'(?<![\w.])' + sd + r'\.([A-Z]\w*)', code):
                if m.group(1) in declared.get(sd, ()):
                    used.add(sd)
        for u in used:
            if u != folder and os.path.isdir(os.path.join(root, u)):
                edges.setdefault(folder, {}).setdefault(u, set()).add(rel)
folders = sorted(set(edges) | {v for m in edges.values() for v in m})
print("imports:")
for a in sorted(edges):
    print(f"  {a} -> {', '.join(sorted(edges[a]))}")
# strongly connected components (Tarjan)
index = {}; low = {}; stack = []; on = set(); sccs = []; i = [0]
def sc(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in edges.get(v, {}):
        if w not in index: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
for v in folders:
    if v not in index: sc(v)
print("loops (folders importing each other, directly or through others):", sccs if sccs else "none")
for comp in sccs:
    for a in comp:
        for b in comp:
            if b in edges.get(a, {}):
                print(f"  {a} -> {b}: {', '.join(sorted(edges[a][b]))}")
