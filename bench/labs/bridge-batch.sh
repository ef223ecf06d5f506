# bridge-batch.sh: the tutorials' bridge lab with ip -batch: one ip
# process for the host's lines (veth ends made directly in their
# namespaces, as ip -batch cannot run "ip netns exec"), one per namespace.
d=$(dirname "$0")
ip -batch "$d/bridge-host.batch" && ip -n RED -batch "$d/bridge-red.batch" &&
	ip -n BLUE -batch "$d/bridge-blue.batch"
