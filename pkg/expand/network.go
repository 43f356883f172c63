package expand

// Network is a VPC and the subnets that resources in it use.
type Network struct {
	Name string
	// Default marks the account's default VPC. CloudFormation cannot look
	// it up, so its VPC and subnet IDs become template parameters that
	// deploy fills in, keeping synth offline and the template portable.
	Default bool
	// PublicSubnets reports whether tasks in this network's subnets need a
	// public IP to reach the internet (to pull images, send logs): true for
	// the default VPC, whose subnets have no NAT.
	PublicSubnets bool
}

func defaultNetwork() *Network {
	return &Network{Name: "default", Default: true, PublicSubnets: true}
}
