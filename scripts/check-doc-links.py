"""Checks every relative link (and #anchor) in the repository's Markdown files: README, DEVELOPERS, docs/, KERNELS.md.
Usage: python3 scripts/check-doc-links.py [REPO_ROOT]; exit 1 when a link does not resolve."""
import re, os, sys, glob
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
files = [os.path.join(root, 'README.md'), os.path.join(root, 'DEVELOPERS.md'), os.path.join(root, 'HybridRec.Kernels', 'KERNELS.md')] \
    + glob.glob(os.path.join(root, 'docs', '**', '*.md'), recursive=True)
def slug(h):
    h=h.strip().lower()
    h=re.sub(r'[`*_]','',h)
    h=''.join(c for c in h if c.isalnum() or c in ' -')
    return h.replace(' ','-')
bad=0; n=0
for f in files:
    text=open(f,encoding='utf-8').read()
    # strip fenced code
    text_nc=re.sub(r'```.*?```','',text,flags=re.S)
    for m in re.finditer(r'!?\[[^\]]*\]\(([^)\s]+)\)',text_nc):
        t=m.group(1)
        if re.match(r'[a-z]+:',t) : continue
        n+=1
        path,_,frag=t.partition('#')
        target=os.path.normpath(os.path.join(os.path.dirname(f),path)) if path else f
        if not os.path.exists(target):
            print(f'{os.path.relpath(f,root)}: missing {t}'); bad+=1; continue
        if frag and target.endswith('.md'):
            heads=[slug(h) for h in re.findall(r'^#+\s+(.*)$',re.sub(r'```.*?```','',open(target,encoding='utf-8').read(),flags=re.S),flags=re.M)]
            if frag not in heads:
                print(f'{os.path.relpath(f,root)}: no anchor {t}'); bad+=1
print(f'{n} relative links checked, {bad} broken')
sys.exit(1 if bad else 0)
