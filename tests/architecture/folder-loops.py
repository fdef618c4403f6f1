# Folder import loops of one project: python3 tests/architecture/folder-loops.py src/S3Spec.Storage [-v]
# Edges from "using <Project>.X" lines and from references to types declared in other folders (the root namespace
# is visible without a using). Exits 1 when a loop exists. Measures issue 13; not yet wired into a test run.
import os,re,sys,collections
root=sys.argv[1]; proj=os.path.basename(root.rstrip('/'))
texts={}
for d,_,fs in os.walk(root):
    if '/obj' in d or '/bin' in d: continue
    for f in fs:
        if f.endswith('.cs'):
            p=os.path.join(d,f); texts[os.path.relpath(p,root)]=open(p).read()
def folder(rel): return rel.split('/')[0] if '/' in rel else '(root)'
def code(t):
    t=re.sub(r'//.*','',t); t=re.sub(r'/\*.*?\*/','',t,flags=re.S)
    t=re.sub(r'\$?@?"(?:[^"\\\n]|\\.)*"','""',t); return t
declared=collections.defaultdict(set)
for rel,t in texts.items():
    for n in re.findall(r'^(?!\s*private)[^\n]*?\b(?:class|record|struct|interface|enum|delegate\s+\w+)\s+(?:struct\s+|class\s+)?(\w+)',code(t),re.M):
        declared[n].add(folder(rel))
why=collections.defaultdict(set); using_edges=collections.defaultdict(set); type_edges=collections.defaultdict(set)
files=collections.Counter(); sizes=[]
files_all={folder(r) for r in texts}|{'S3Spec','Storage'}
for rel,t in texts.items():
    f=folder(rel); files[f]+=1; sizes.append((t.count('\n'),rel))
    for m in re.finditer(r'^using\s+(?:static\s+)?'+re.escape(proj)+r'\.(\w+)[;.]',t,re.M):
        if m.group(1)!=f and m.group(1) in files or True:
            if m.group(1)!=f: using_edges[f].add(m.group(1))
    c=code(t)
    names=set()
    for m in re.finditer(r'\b([A-Z]\w+)\b(\s*\()?',c):
        w,call=m.group(1),m.group(2)
        pm=re.search(r'(\w+)\s*\.\s*$',c[max(0,m.start()-60):m.start()])
        if pm and pm.group(1) not in files_all: continue
        if call and not re.search(r'new\s+$',c[max(0,m.start()-5):m.start()]): continue
        after=c[m.end():m.end()+12]
        if not call and re.match(r'\s*(\{\s*get|[,)=;])',after) and re.search(r'[\w>?\]]\s+$',c[max(0,m.start()-3):m.start()]) and not re.search(r'(new|return|is|as|in|out|ref)\s+$',c[max(0,m.start()-8):m.start()]): continue
        names.add(w)
    for w in names:
        for g in declared.get(w,()):
            if g!=f: type_edges[f].add(g); why[(f,g)].add(w)
def scc(edges,nodes):
    idx={};low={};st=[];on=set();res=[];c=[0]
    def sc(v):
        idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
        for w in edges.get(v,()):
            if w not in idx: sc(w);low[v]=min(low[v],low[w])
            elif w in on: low[v]=min(low[v],idx[w])
        if low[v]==idx[v]:
            comp=[]
            while True:
                w=st.pop();on.discard(w);comp.append(w)
                if w==v:break
            if len(comp)>1: res.append(sorted(comp))
    for v in sorted(nodes):
        if v not in idx: sc(v)
    return res
print('folders (files):',dict(sorted(files.items())))
print('largest:',', '.join(f'{r} {n}' for n,r in sorted(sizes,reverse=True)[:8]))
nodes=set(files)
for name,edges in ((f'using {proj}.X lines',using_edges),('type references (also the implicit root namespace)',type_edges)):
    print(f'edges by {name}:')
    for a,b in sorted(edges.items()): print('  ',a,'->',', '.join(sorted(b)))
    print('  loops:',scc(edges,nodes) or 'none')

if '-v' in sys.argv:
    for k,v in sorted(why.items()): print(k,sorted(v)[:6])

sys.exit(1 if scc(type_edges, nodes) or scc(using_edges, nodes) else 0)
