#!/usr/bin/env python3
# project_ref.py - independent reference values for tests/test_project.c.
# Plain python3 (no numpy, no scipy): GSL steffen slopes re-derived from
# Steffen (1990) with the "simplest" end slopes, the 3-term log-metalog
# solved exactly, its CDF by bisection in logit space, and the formulas of
# docs/model.md §8 for the projection. Run: python3 tests/ref/project_ref.py
import math
X=[1,5,10,15]; Y=[100500,125000,149500,160000]
def slopes():
    n=len(X); h=[X[i+1]-X[i] for i in range(n-1)]; s=[(Y[i+1]-Y[i])/h[i] for i in range(n-1)]
    d=[0]*n; d[0]=s[0]; d[-1]=s[-1]
    for i in range(1,n-1):
        p=(s[i-1]*h[i]+s[i]*h[i-1])/(h[i-1]+h[i])
        sg=lambda v:(v>0)-(v<0)
        d[i]=(sg(s[i-1])+sg(s[i]))*min(abs(s[i-1]),abs(s[i]),0.5*abs(p))
    return h,s,d
H_,S_,D_=slopes()
def m(x):
    if x<=X[0]: return Y[0]
    if x>=X[-1]: return Y[-1]
    i=max(j for j in range(len(X)-1) if X[j]<=x)
    h=H_[i]; s=S_[i]; t=x-X[i]
    a=(D_[i]+D_[i+1]-2*s)/h**2; b=(3*s-2*D_[i]-D_[i+1])/h
    return Y[i]+t*(D_[i]+t*(b+t*a))
for x in (0,2,5,7.5,12,20): print('m',x,repr(m(x)))
# metalog 3 terms exact fit
P=[0.1,0.5,0.9]; S=[90000,125000,160000]
def basis(p):
    L=math.log(p/(1-p)); return [1,L,(p-0.5)*L]
def solve(A,b):
    n=len(b); M=[row[:]+[b[i]] for i,row in enumerate(A)]
    for i in range(n):
        piv=max(range(i,n),key=lambda r:abs(M[r][i])); M[i],M[piv]=M[piv],M[i]
        for r in range(n):
            if r!=i:
                f=M[r][i]/M[i][i]; M[r]=[M[r][k]-f*M[i][k] for k in range(n+1)]
    return [M[i][n]/M[i][i] for i in range(n)]
a=solve([basis(p) for p in P],[math.log(v) for v in S])
print('a',a)
def lq(p): return sum(x*y for x,y in zip(a,basis(p)))
def F(s):
    ls=math.log(s); lo,hi=1e-300,1-1e-16
    # bisection in logit space
    zl,zh=-700.0,37.0
    for _ in range(300):
        zm=(zl+zh)/2; p=1/(1+math.exp(-zm))
        if lq(p)<ls: zl=zm
        else: zh=zm
    return 1/(1+math.exp(-(zl+zh)/2))
print('Q(0.25)',math.exp(lq(0.25)),'F(149500)',F(149500))
def project(x0=0,s0=0,H=10,G=0.10,T=10,eps=1,pi=0,r=0):
    g=(1+G)**(1/T)-1
    if s0==0: s0=m(x0)
    c=s0/m(x0); cum=0; pv=0; rows=[]
    for t in range(H+1):
        M=(1+g)**(eps*t); real=c*m(x0+t)*M; sal=real*(1+pi)**t
        cum+=sal; pv+=sal/(1+r)**t
        rows.append((t,x0+t,sal,real,F(c*m(x0+t)),cum,pv))
    return rows
import sys
def show(rows):
    for r in rows: print('%3d %5g %.6f %.6f %.9f %.6f %.6f'%r)
print('default'); show(project())
print('x0=2 s0=110000 H=15 pi=.025 r=.03'); show(project(2,110000,15,pi=0.025,r=0.03))
print('own: x0=4.5 s0=0 H=20 G=0.30 T=5 eps=0.8 pi=0.02 r=0.05'); show(project(4.5,0,20,0.30,5,0.8,0.02,0.05))
print('own: x0=1 s0=97000 H=12 G=0 T=1'); show(project(1,97000,12,0.0,1))
print('scenarios base defaults H=10, G*0.5, G*1.5 salary_10:', [project(G=g)[-1][2] for g in (0.05,0.10,0.15)])
