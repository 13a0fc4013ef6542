import json,sys,collections
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
WAIT=('Wait','Sleep','Interop+Sys.Read','epoll','Poll(','Missing Symbol','SpinOnce','LowLevelLifoSemaphore','WaitForSignal','Monitor.Wait', 'ReleaseSemaphore','Interop+Sys.WaitFor','Thread.Sleep')
inc=collections.Counter(); exc=collections.Counter(); total=0
for p in d['profiles']:
    samples=[]
    if p['type']=='evented':
        stack=[]; last=None
        for e in p['events']:
            if last is not None and stack and e['at']>last: samples.append((tuple(stack), e['at']-last))
            last=e['at']
            if e['type']=='O': stack.append(e['frame'])
            else: stack.pop()
    else:
        samples=list(zip(p['samples'],p['weights']))
    for st,w in samples:
        if not st: continue
        if frames[st[-1]]!='CPU_TIME': continue
        st=st[:-1]
        if not st: continue
        leaf=frames[st[-1]]
        total+=w
        exc[leaf]+=w
        for f in set(st): inc[frames[f]]+=w
print('busy weight',total)
N=int(sys.argv[2]) if len(sys.argv)>2 else 40
print('--- exclusive'); [print(f'{100*w/total:5.1f}% {n[:150]}') for n,w in exc.most_common(N)]
print('--- inclusive'); [print(f'{100*w/total:5.1f}% {n[:150]}') for n,w in inc.most_common(N)]
