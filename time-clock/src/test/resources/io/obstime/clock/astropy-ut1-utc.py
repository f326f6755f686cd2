import numpy as np, warnings
warnings.simplefilter('ignore')
from astropy.time import Time
from astropy.utils import iers
iers.conf.auto_download=False
t=iers.IERS_A.open('/work/shared/data/finals2000A.all')
t['UT1_UTC']=t['UT1_UTC_A']
iers.earth_orientation_table.set(t)
rng=np.random.default_rng(20261129)
# random UTC instants from 1973-01-03 to 2027-08-20, ns resolution-ish (ms here)
start=Time('1973-01-03T00:00:00',scale='utc').unix; end=Time('2027-08-20T00:00:00',scale='utc').unix
secs=np.sort(rng.uniform(start,end,2000)).round(3)
tt=Time(secs,format='unix',scale='utc')
# plus around every leap second since 1973: 12:00 on the leap day, 23:59:59.5, 00:00:00.5 and 12:00 the next day
extra=[]
for d in ['1973-12-31','1974-12-31','1975-12-31','1976-12-31','1977-12-31','1978-12-31','1979-12-31','1981-06-30','1982-06-30','1983-06-30','1985-06-30','1987-12-31','1989-12-31','1990-12-31','1992-06-30','1993-06-30','1994-06-30','1995-12-31','1997-06-30','1998-12-31','2005-12-31','2008-12-31','2012-06-30','2015-06-30','2016-12-31']:
    extra += [d+'T12:00:00.000', d+'T23:59:59.500']
    nd=(Time(d)+1).isot[:10]
    extra += [nd+'T00:00:00.500', nd+'T12:00:00.000']
te=Time(extra,scale='utc',precision=3)
with open('/tmp/astropy_ut1.csv','w') as f:
    f.write('# UT1 - UTC from astropy 5.2.1 (Debian 12 python3-astropy 5.2.1-2+deb12u1), IERS_A.open(finals2000A.all of this repository) with its UT1_UTC column set to the Bulletin A column UT1_UTC_A, Time.get_delta_ut1_utc(); written 2026-11-29\n')
    f.write('# utc_iso,ut1_minus_utc_seconds\n')
    for T in (tt, te):
        d=T.get_delta_ut1_utc()
        for a,b in zip(T.utc.isot if T is te else Time(T,precision=3).isot, d):
            f.write('%s,%.10f\n'%(a, b.to_value('s')))
print(open('/tmp/astropy_ut1.csv').read()[:600]); 
