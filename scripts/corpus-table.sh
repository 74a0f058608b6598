#!/usr/bin/env bash
# Per corpus publication: findings by status, and the tables found with their roles.
cd "$(dirname "$0")/.." && cargo build -q --release --bin yusuan --example dump
Y=target/release/yusuan
C=${CORPUS:-../shared/corpus}; J=$C/jiangsu; P=$C/putuo
[ -d "$C" ] || { echo "no corpus at $C (set CORPUS=…)"; exit 0; }
pubs=("cppcc-office-2017:$J/cppcc-office-2017-full.layout.txt $J/cppcc-office-2017-tables.layout.txt"
"cppcc-office-2018:$J/cppcc-office-2018-full.layout.txt $J/cppcc-office-2018-tables.layout.txt"
"cppcc-office-2019:$J/cppcc-office-2019-full.layout.txt $J/cppcc-office-2019-tables.layout.txt"
"npc-office-2017:$J/npc-office-2017-full.layout.txt"
"npc-office-2018:$J/npc-office-2018-full.layout.txt"
"npc-office-2019:$J/npc-office-2019-full.layout.txt $J/npc-office-2019-tables.layout.txt"
"chengguan-2026:$P/chengguan-2026-yusuan.txt" "jianguanwei-2026:$P/jianguanwei-2026-yusuan.txt" "wenlvju-2026:$P/wenlvju-2026-yusuan.txt"
"guihuaziran-2024:$P/guihuaziran-2024-juesuan.txt" "shehuigongzuobu-2024:$P/shehuigongzuobu-2024-juesuan.txt")
echo "| publication | 一致 | 尾数误差 | 不一致 | 缺失 | 无法核对 | 说明 | tables (by role) |"
echo "|---|---|---|---|---|---|---|---|"
for p in "${pubs[@]}"; do
  name=${p%%:*}; files=${p#*:}
  s=$($Y check $files --json 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin)['summary']; print(' | '.join(str(d[k]) for k in ['ok','rounding','mismatch','missing','unverifiable','note']))")
  roles=$(target/release/examples/dump $files 2>/dev/null | grep -o 'role=Some("[a-z-]*")' | sed 's/role=Some("\(.*\)")/\1/' | sort | uniq -c | awk '{printf "%s%s", (NR>1?", ":""), ($1>1? $2"×"$1 : $2)}')
  echo "| $name | $s | $roles |"
done
