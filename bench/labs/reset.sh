# reset.sh: the bench world back to nothing but lo (not timed).
ip -all netns delete 2>/dev/null
for dev in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
	[ "$dev" = lo ] || ip link del "$dev" 2>/dev/null
done
sleep 0.2
