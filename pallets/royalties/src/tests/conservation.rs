//! Random sequences of share changes, payments and claims on the mock runtime: funds are
//! conserved exactly (total issuance, the pot's invariants) and every contributor ends up with
//! what the naive O(contributors) split gives, within the documented rounding.

use frame_support::assert_ok;
use proptest::prelude::*;

use super::*;

const PEOPLE: [AccountId; 3] = [ALICE, BOB, CHARLIE];

#[derive(Clone, Debug)]
enum Op {
	Contribute { who: usize, shares: u64 },
	Pay { pick: usize, amount: u128 },
	Claim { who: usize },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..3usize, 1..500u64).prop_map(|(who, shares)| Op::Contribute { who, shares }),
		// At most 40 payments of under 20,000 each: the payer (1,000,000) never runs dry.
		(any::<usize>(), 1..20_000u128).prop_map(|(pick, amount)| Op::Pay { pick, amount }),
		(0..3usize).prop_map(|who| Op::Claim { who }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(128))]

	#[test]
	fn payments_and_claims_conserve_funds_and_match_the_naive_split(
		ops in proptest::collection::vec(op(), 1..40),
	) {
		run_test(|| {
			// One model per version, each paying all of its price to the version's pool.
			let mut shares_at: Vec<[u64; 3]> = Vec::new();
			let (mut naive_floor, mut naive_ceil) = ([0u128; 3], [0u128; 3]);
			let mut payments = 0u128;
					for op in ops {
				match op {
					Op::Contribute { who, shares } => {
						let version = contribute(0, PEOPLE[who], shares);
						let mut row = shares_at.last().copied().unwrap_or_default();
						row[who] += shares;
						shares_at.push(row);
						add_model(version, DAVE, [0, 0, 100, 0], vec![], vec![(0, version, 100)]);
					},
					Op::Pay { pick, amount } => {
						if shares_at.is_empty() {
							continue;
						}
						let version = pick % shares_at.len();
						assert_ok!(Royalties::pay(RuntimeOrigin::signed(PAYER), version as u32, amount));
						payments += 1;
						let total: u64 = shares_at[version].iter().sum();
						for who in 0..3 {
							let numerator = amount * u128::from(shares_at[version][who]);
							naive_floor[who] += numerator / u128::from(total);
							naive_ceil[who] += numerator.div_ceil(u128::from(total));
						}
					},
					Op::Claim { who } => {
						let _ = Royalties::claim(RuntimeOrigin::signed(PEOPLE[who]), 0);
					},
				}
			}
			for who in 0..3 {
				let claimed = Balances::free_balance(PEOPLE[who]) - INITIAL_BALANCE;
				let got = claimed + claimable(PEOPLE[who], 0);
				assert!(got <= naive_ceil[who], "{who}: {got} > {}", naive_ceil[who]);
				// Every contribution keeps its own position, however many: at most one
				// planck of rounding per payment, plus the fraction carried by the holding.
				assert!(got + payments + 1 >= naive_floor[who], "{who}: {got} < {}", naive_floor[who]);
			}
		});
	}
}
